// The second translation unit of the consumer programs (main.cpp): the same headers, the models
// and the backends used directly.
#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/http/beast_backend.hpp>
#ifdef CONSUMER_HAS_CURL
#include <renault/http/curl_backend.hpp>
#endif
#include <renault/renault.hpp>

#include <boost/asio/io_context.hpp>

#include <string>

std::string model_of_zoe_body()
{
    auto details = renault::decode<renault::vehicle_details>(
        R"({"model": {"code": "X101VE", "label": "ZOE"}, "energy": {"code": "ELEC"}})");
    return std::string(renault::model_code(details.value).value_or("")) +
           (renault::uses_electricity(details.value) ? " electric" : " other");
}

bool second_backends_refuse_plain_http()
{
    renault::http::request req;
    req.url = "http://127.0.0.1:1/";
    boost::system::error_code ec;
    boost::asio::io_context io;
    renault::http::beast_backend beast(io.get_executor());
    beast.send(req, ec);
    bool ok = ec == renault::errc::url_refused;
#ifdef CONSUMER_HAS_CURL
    renault::http::curl_backend curl;
    ec = {};
    curl.send(req, ec);
    ok = ok && ec == renault::errc::url_refused;
#endif
    return ok;
}
