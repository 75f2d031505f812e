// With second.cpp: two translation units that include the client and every backend, linked into
// one program (consumer: header-only; consumer_compiled: RENAULT_SEPARATE_COMPILATION).
#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/http/beast_backend.hpp>
#ifdef CONSUMER_HAS_CURL
#include <renault/http/curl_backend.hpp>
#endif
#include <renault/renault.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdio>
#include <string>

std::string model_of_zoe_body();
bool second_curl_refuses_plain_http();

int main()
{
    // The client on the type-erased HTTPS backend; the settings come from the locale table
    // (no request is sent).
    boost::asio::io_context io;
    renault::http::any_backend backend{renault::http::beast_backend{io.get_executor()}};
    renault::basic_client<renault::http::any_backend> client(backend, {.locale = "fr_FR"});
    auto settings = client.settings();
    bool ok = settings && settings.value.country == "FR" && backend.target<renault::http::beast_backend>() != nullptr;

    boost::system::error_code ec;
    renault::http::request req;
    req.url = "http://127.0.0.1:1/";
    backend.send(req, ec); // refused before connecting: https only
    ok = ok && ec == renault::errc::url_refused;

    auto battery = renault::decode<renault::data_body<renault::battery_status>>(
        R"({"data": {"type": "Car", "attributes": {"batteryLevel": 60, "plugStatus": 1}}})");
    const auto* status = renault::model_in(battery.value);
    ok = ok && status && status->battery_level == 60 && status->plug_status == renault::plug_state::plugged &&
         model_of_zoe_body() == "X101VE electric" && second_curl_refuses_plain_http();
    std::printf("consumer: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
