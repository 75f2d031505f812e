// URL helpers: split_url, parse_query, percent_encode, build_query.
#include <renault/http/url.hpp>

#include <catch2/catch.hpp>

using renault::http::build_query;
using renault::http::parse_query;
using renault::http::percent_encode;
using renault::http::query_params;
using renault::http::split_url;

TEST_CASE("split_url splits an absolute URL into its parts")
{
    const auto parts = split_url("https://api-wired-prod-1-euw1.wrd-aws.com:8443/commerce/v1/persons/p1?country=FR#top");
    CHECK(parts.scheme == "https");
    CHECK(parts.host == "api-wired-prod-1-euw1.wrd-aws.com");
    CHECK(parts.port == "8443");
    CHECK(parts.path == "/commerce/v1/persons/p1");
    CHECK(parts.query == "country=FR");
}

TEST_CASE("split_url without port, path or query")
{
    const auto parts = split_url("https://accounts.eu1.gigya.com");
    CHECK(parts.scheme == "https");
    CHECK(parts.host == "accounts.eu1.gigya.com");
    CHECK(parts.port.empty());
    CHECK(parts.path == "/");
    CHECK(parts.query.empty());

    const auto query_only = split_url("http://localhost?x=1");
    CHECK(query_only.host == "localhost");
    CHECK(query_only.path == "/");
    CHECK(query_only.query == "x=1");
}

TEST_CASE("split_url handles IPv6 literals and user information")
{
    const auto v6 = split_url("http://[::1]:8080/accounts.login");
    CHECK(v6.host == "::1");
    CHECK(v6.port == "8080");
    CHECK(v6.path == "/accounts.login");

    const auto v6_no_port = split_url("http://[fe80::1]/x");
    CHECK(v6_no_port.host == "fe80::1");
    CHECK(v6_no_port.port.empty());

    const auto user = split_url("https://user:secret@example.com/p");
    CHECK(user.host == "example.com");
    CHECK(user.port.empty());
    CHECK(user.path == "/p");
}

TEST_CASE("split_url takes text without a scheme as a path")
{
    const auto bare = split_url("/commerce/v1/accounts/a1/kamereon/kca/car-adapter/v2/cars/VF1/battery-status?country=FR");
    CHECK(bare.scheme.empty());
    CHECK(bare.host.empty());
    CHECK(bare.path == "/commerce/v1/accounts/a1/kamereon/kca/car-adapter/v2/cars/VF1/battery-status");
    CHECK(bare.query == "country=FR");

    // "://" inside the query does not make a scheme.
    const auto redirect = split_url("/redirect?to=http://example.com/x");
    CHECK(redirect.scheme.empty());
    CHECK(redirect.path == "/redirect");
    CHECK(redirect.query == "to=http://example.com/x");

    CHECK(split_url("").path == "/");
    CHECK(split_url("https://").host.empty());
    CHECK(split_url("https://").path == "/");
}

TEST_CASE("parse_query decodes names and values in order")
{
    const query_params expected{{"country", "FR"}, {"loginID", "a@b.c"}, {"flag", ""}, {"empty", ""},
                                {"text", "two words"}, {"plus", "1+1"}, {"slash", "a/b"}};
    CHECK(parse_query("country=FR&loginID=a%40b.c&flag&&empty=&text=two+words&plus=1%2B1&slash=a%2fb") == expected);
    CHECK(parse_query("?a=1") == query_params{{"a", "1"}});
    CHECK(parse_query("").empty());
    CHECK(parse_query("&&").empty());
    CHECK(parse_query("a=b=c") == query_params{{"a", "b=c"}});
}

TEST_CASE("parse_query keeps malformed escapes as they are")
{
    CHECK(parse_query("a=%zz&b=%4&c=%") == query_params{{"a", "%zz"}, {"b", "%4"}, {"c", "%"}});
    CHECK(parse_query("utf8=%C3%A9") == query_params{{"utf8", "\xC3\xA9"}});
}

TEST_CASE("percent_encode keeps only unreserved characters")
{
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("a b@c/d+e&f=g?h#i%") == "a%20b%40c%2Fd%2Be%26f%3Dg%3Fh%23i%25");
    CHECK(percent_encode("\xC3\xA9") == "%C3%A9");
    CHECK(percent_encode(std::string_view("\0\x7f", 2)) == "%00%7F");
    CHECK(percent_encode("").empty());
}

TEST_CASE("percent_encode writes a space as '+' when asked, as forms do")
{
    CHECK(percent_encode("a b+c", true) == "a+b%2Bc");
    CHECK(percent_encode("a b+c", false) == "a%20b%2Bc");
    CHECK(percent_encode(" ", true) == "+");
}

TEST_CASE("build_query writes a query string or form body")
{
    CHECK(build_query({{"country", "FR"}, {"loginID", "a@b.c"}, {"password", "p&ss=w rd"}})
          == "country=FR&loginID=a%40b.c&password=p%26ss%3Dw%20rd");
    CHECK(build_query({}).empty());
    CHECK(build_query({{"", ""}}) == "=");

    const query_params tricky{{"a b", "1+1=2"}, {"k", "\xC3\xA9t\xC3\xA9"}, {"pct", "100%"}, {"amp", "&&"}};
    CHECK(parse_query(build_query(tricky)) == tricky);
}
