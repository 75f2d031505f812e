// The cost of the client itself: get_battery_status through the fake backend (no network), in
// its synchronous and asynchronous forms, against the baseline of decoding the same body alone.
//
//   bench_client [benchmark flags]
//
// Per request the client resolves the endpoint (details cached), checks the quota cooldown and
// budget, takes the cached JWT, builds the URL, query and headers, lets the backend answer,
// classifies the answer (errors[] before status) and decodes the model. The fake backend matches
// the request against its script and records it, which is counted in the client's figure.
#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
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
        setup.vehicle.async_get_battery_status([](std::exception_ptr ep, renault::battery_status b) {
            if (ep)
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

} // namespace

BENCHMARK_MAIN();
