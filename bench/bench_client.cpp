// The cost of the client itself: get_battery_status through the fake backend (no network), in
// its synchronous and asynchronous forms, against the baseline of decoding the same body alone.
//
//   bench_client [benchmark flags]
//
// With renault-mock and the Beast backend built, it also measures the client against
// renault-mock over keep-alive loopback HTTP at async concurrency 1, 8 and 64 (requests/s, and CPU
// µs per request of this process and of the mock), next to the same requests sent by the bare
// backend (no client logic), which shows the mock's own capacity.
//
// Per request the client resolves the endpoint (details cached), checks the quota cooldown and
// budget, takes the cached JWT, builds the URL, query and headers, lets the backend answer,
// classifies the answer (errors[] before status) and decodes the model. The fake backend matches
// the request against its script and records it, which is counted in the client's figure.
#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>
#if RENAULT_BENCH_MOCK
#include "e2e/mock_process.hpp"

#include <renault/http/beast_backend.hpp>

#include <sys/resource.h>
#endif

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <iterator>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read_fixture(const std::string& relative)
{
    std::ifstream in(std::filesystem::path(RENAULT_FIXTURES_DIR) / relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A fake backend answering the details and battery-status of one vehicle, and a logged-in client.
struct bench_setup {
    renault::http::fake_backend backend;
    renault::basic_client<renault::http::fake_backend> client;
    renault::basic_vehicle<renault::http::fake_backend> vehicle;

    explicit bench_setup(renault::http::fake_backend::executor_type ex = {})
        : backend(std::move(ex)), client(backend, options()), vehicle(client.vehicle("account-id-1", "VF1AAAAA555777999"))
    {
        using renault::http::fake_backend;
        using renault::http::method;
        backend.on(method::post, "/accounts.getJWT", fake_backend::json(200, read_fixture("gigya/get_jwt.json")));
        const auto vehicles = boost::json::parse(read_fixture("kamereon/vehicles/zoe_40.1.json"));
        backend.on(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/details",
                   fake_backend::json(200, boost::json::serialize(vehicles.at("vehicleLinks").at(0).at("vehicleDetails"))));
        backend.on(method::get,
                   "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status",
                   fake_backend::json(200, read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json")));
        client.set_login_token("sample-cookie-value");
        vehicle.get_details(); // cached from now on, like the JWT
    }

    static renault::client_options options()
    {
        renault::client_options o;
        o.locale = "fr_FR";
        o.gigya_root_url = "https://gigya.test";
        o.kamereon_root_url = "https://kamereon.test";
        return o;
    }
};

// Baseline: decoding the body alone, which every request also does.
void BM_decode_battery_body(benchmark::State& state)
{
    const std::string body = read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json");
    for (auto _ : state) {
        boost::system::error_code ec;
        auto r = renault::decode<renault::data_body<renault::battery_status>>(body, ec);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_decode_battery_body);

void BM_client_sync_get_battery_status(benchmark::State& state)
{
    bench_setup setup;
    unsigned n = 0;
    for (auto _ : state) {
        auto battery = setup.vehicle.get_battery_status();
        benchmark::DoNotOptimize(battery);
        if ((++n & 4095) == 0)
            setup.backend.clear_requests(); // keeps the fake's record small (amortised, counted)
    }
}
BENCHMARK(BM_client_sync_get_battery_status);

void BM_client_async_get_battery_status(benchmark::State& state)
{
    boost::asio::io_context io;
    bench_setup setup(io.get_executor());
    unsigned n = 0;
    for (auto _ : state) {
        setup.vehicle.async_get_battery_status([](boost::system::error_code ec, renault::battery_status b) {
            if (ec)
                std::abort();
            benchmark::DoNotOptimize(b);
        });
        io.run();
        io.restart();
        if ((++n & 4095) == 0)
            setup.backend.clear_requests();
    }
}
BENCHMARK(BM_client_async_get_battery_status);

#if RENAULT_BENCH_MOCK

double process_cpu_seconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// CPU seconds used so far by another process (utime + stime from /proc/PID/stat).
double other_cpu_seconds(long pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    std::istringstream fields(text.substr(close + 2));
    std::string f;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14)
            utime = std::stoull(f);
        if (i == 15)
            stime = std::stoull(f);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// renault-mock on a free port with the default scenario (log discarded), and a logged-in client on
/// a Beast backend with keep-alive connections to it.
struct loopback {
    renault::test::mock_process mock{{"--port", "0", "--log", "/dev/null"}};
    boost::asio::io_context io;
    renault::http::beast_backend backend{io.get_executor(), backend_options()};
    renault::basic_client<renault::http::beast_backend> client{backend, client_options()};
    renault::basic_vehicle<renault::http::beast_backend> vehicle{client.vehicle("account-id-1", "VF1AAAAA555777999")};
    renault::http::request raw; ///< the battery-status request as the client sends it

    loopback()
    {
        client.login("test@example.com", "test_password");
        vehicle.get_details();
        vehicle.get_battery_status();
        raw.url = mock.url() + "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status?country=FR";
        raw.headers = {{"Content-type", "application/vnd.api+json"},
                       {"apikey", std::string(renault::find_locale("fr_FR")->kamereon_api_key)},
                       {"x-gigya-id_token", *client.store().get(renault::credential_keys::gigya_jwt)}};
    }
    static renault::http::beast_options backend_options()
    {
        renault::http::beast_options o;
        o.allow_plain_http = true;
        o.max_idle_connections_per_host = 64;
        return o;
    }
    renault::client_options client_options() const
    {
        renault::client_options o;
        o.locale = "fr_FR";
        o.gigya_root_url = mock.url();
        o.kamereon_root_url = mock.url();
        return o;
    }
    long mock_pid() const { return mock.pid(); }
};

loopback& shared_loopback()
{
    static loopback l;
    return l;
}

/// Runs `concurrency` requests at a time until the benchmark stops; `start(done)` starts one.
template <class Start>
void run_concurrent(benchmark::State& state, loopback& l, Start start)
{
    const auto concurrency = static_cast<int>(state.range(0));
    const double cpu0 = process_cpu_seconds();
    const double mock0 = other_cpu_seconds(l.mock_pid());
    std::int64_t requests = 0;
    int failures = 0;
    for (auto _ : state) {
        int pending = concurrency;
        for (int i = 0; i < concurrency; ++i)
            start([&](bool ok) {
                --pending;
                if (!ok)
                    ++failures;
            });
        while (pending > 0)
            l.io.run_one();
        requests += concurrency;
    }
    if (failures > 0)
        state.SkipWithError("requests failed");
    state.SetItemsProcessed(requests);
    state.counters["client_cpu_us_per_req"] = (process_cpu_seconds() - cpu0) * 1e6 / static_cast<double>(requests);
    state.counters["mock_cpu_us_per_req"] = (other_cpu_seconds(l.mock_pid()) - mock0) * 1e6 / static_cast<double>(requests);
}

void BM_loopback_client_get_battery_status(benchmark::State& state)
{
    auto& l = shared_loopback();
    run_concurrent(state, l, [&](auto done) {
        l.vehicle.async_get_battery_status([done](boost::system::error_code ec, renault::battery_status) mutable { done(!ec); });
    });
}
BENCHMARK(BM_loopback_client_get_battery_status)->Arg(1)->Arg(8)->Arg(64)->UseRealTime();

// The mock's capacity: the same request through the bare backend (no client logic).
void BM_loopback_bare_backend(benchmark::State& state)
{
    auto& l = shared_loopback();
    run_concurrent(state, l, [&](auto done) {
        l.backend.async_send(l.raw, [done](boost::system::error_code ec, renault::http::response r) mutable {
            done(!ec && r.status == 200);
        });
    });
}
BENCHMARK(BM_loopback_bare_backend)->Arg(1)->Arg(8)->Arg(64)->UseRealTime();

#endif

} // namespace

BENCHMARK_MAIN();
