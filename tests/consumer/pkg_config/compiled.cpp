// Compiled mode (librenault.a), built with `pkg-config --cflags --libs renault-compiled` only: the
// decoders and the HTTPS backend come from the library, OpenSSL and Boost.JSON from the .pc files.
#include <renault/renault.hpp>
#ifndef RENAULT_NO_BEAST_BACKEND
#include <renault/http/beast_backend.hpp>

#include <boost/asio/io_context.hpp>
#endif

#include <cstdio>

int main()
{
    auto battery = renault::decode<renault::data_body<renault::battery_status>>(
        R"({"data": {"type": "Car", "attributes": {"batteryLevel": 60, "plugStatus": 1}}})");
    const auto* status = renault::model_in(battery.value);
    bool ok = status && status->battery_level == 60 && status->plug_status == renault::plug_state::plugged;
#ifndef RENAULT_NO_BEAST_BACKEND
    // The backend refuses plain HTTP before connecting (no network needed): proves it links.
    boost::asio::io_context io;
    renault::http::beast_backend backend(io.get_executor());
    boost::system::error_code ec;
    renault::http::request req;
    req.url = "http://127.0.0.1:1/";
    backend.send(req, ec);
    ok = ok && ec == renault::errc::url_refused;
#endif
    std::printf("consumer_compiled: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
