// The second translation unit of the consumer programs (main.cpp): the same headers, the models
// and the libcurl backend used directly.
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

// The Beast backend is used in main.cpp only: instantiating its engine in both units would only
// double the compile time (this unit still includes its headers, which is what the link checks).
bool second_curl_refuses_plain_http()
{
#ifdef CONSUMER_HAS_CURL
    renault::http::request req;
    req.url = "http://127.0.0.1:1/";
    boost::system::error_code ec;
    renault::http::curl_backend curl;
    curl.send(req, ec);
    return ec == renault::errc::url_refused;
#else
    return true; // built without libcurl: main.cpp checks the Beast backend
#endif
}
