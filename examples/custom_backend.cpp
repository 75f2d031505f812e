// A backend of your own. The client never opens a socket: it hands plain request values to a
// backend, any type with `send(request, error_code&)` (the concept renault::http::HttpBackend,
// docs/concepts/http_backend.md). This one wraps another backend and prints the method, URL and
// status of every exchange; the same shape fits a backend over libcurl, Qt or a proxy. `main`
// wraps the fake backend, scripted with the saved answers in fixtures/.
//
//     example_custom_backend [FIXTURES_DIR]
#include "offline.hpp"

#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

/// Prints what goes through `Inner`. Only the method, URL and status: headers and bodies carry
/// secrets (the password, the login token, the JWT), and Renault's URLs do not.
template <renault::http::HttpBackend Inner>
class logging_backend {
public:
    logging_backend(Inner& inner, std::ostream& out) : inner_(inner), out_(out) {}

    /// Performs one request. Rules of the concept: any HTTP status is a response (the client reads
    /// error bodies itself); a transport failure goes to `ec`; never throw.
    renault::http::response send(const renault::http::request& req, boost::system::error_code& ec)
    {
        ++requests_;
        out_ << "-> " << renault::http::method_name(req.method) << ' ' << req.url << '\n';
        renault::http::response resp = inner_.send(req, ec);
        if (ec)
            out_ << "<- failed: " << ec.message() << '\n';
        else
            out_ << "<- HTTP " << resp.status << ", " << resp.body.size() << " bytes\n";
        return resp;
    }

    int requests() const { return requests_; }

private:
    Inner& inner_;
    std::ostream& out_;
    int requests_ = 0;
};

// Check the concept where the type is defined: a mistake is reported here, by name.
static_assert(renault::http::HttpBackend<logging_backend<renault::http::fake_backend>>);
// The async_ forms also need async_send() and get_executor() (AsyncHttpBackend); this one has none.
static_assert(!renault::http::AsyncHttpBackend<logging_backend<renault::http::fake_backend>>);

template <renault::http::HttpBackend Backend>
int run(Backend& backend, const std::string& login_token)
{
    renault::basic_client<Backend> client(backend, {.locale = "fr_FR"});
    client.set_login_token(login_token);
    // A vehicle object needs no request; its first operation reads the details (the model code
    // selects the endpoints), then the JWT, then the data.
    auto vehicle = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    renault::server_diagnostics diagnostics;
    const renault::battery_status battery = vehicle.get_battery_status(ec, diagnostics);
    if (ec) {
        std::cout << "FAILED: " << renault::describe(ec, diagnostics) << '\n';
        return 1;
    }
    std::cout << "Battery level: " << battery.battery_level.value_or(0) << " %\n";
    return 0;
}

// ---- Offline demo ----------------------------------------------------------------------------

using example::read_file;

int main(int argc, char** argv)
{
    const std::filesystem::path fixtures = argc > 1 ? argv[1] : RENAULT_FIXTURES_DIR;
    using renault::http::fake_backend;
    using renault::http::method;
    auto answer = [&](const char* file) { return fake_backend::json(200, read_file(fixtures / file)); };
    fake_backend fake;
    fake.on(method::post, "/accounts.getJWT", answer("gigya/get_jwt.json"))
        .on(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/details",
            answer("kamereon/vehicle_details/zoe_40.1.json"))
        .on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status",
            answer("kamereon/vehicle_data/battery-status.zoe_40.json"));

    logging_backend logged(fake, std::cout); // the client talks to the wrapper, the wrapper to the fake
    const int status = run(logged, "sample-cookie-value");
    std::cout << logged.requests() << " requests\n";
    return status;
}
