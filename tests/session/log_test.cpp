// The logger, its sinks and the redaction of secrets in everything that is logged.
#include <renault/error.hpp>
#include <renault/log.hpp>
#include <renault/log_sinks.hpp>

#include "session/session_support.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using renault::log_level;
using renault::test::read_file;
using renault::test::temp_dir;

struct captured {
    log_level level;
    std::string message;
};

/// A logger at `minimum` whose sink appends to `out`.
renault::logger capturing_logger(std::vector<captured>& out, log_level minimum = log_level::trace)
{
    return renault::logger([&out](log_level level, std::string_view message) { out.push_back({level, std::string(message)}); },
                           minimum);
}

std::string joined(const std::vector<captured>& lines)
{
    std::string all;
    for (const auto& line : lines) {
        all += line.message;
        all += '\n';
    }
    return all;
}

renault::http::request gigya_post(std::string url, std::string body)
{
    return {renault::http::method::post, std::move(url),
            {{"Content-Type", "application/x-www-form-urlencoded"}}, std::move(body)};
}

} // namespace

TEST_CASE("log levels have their names")
{
    CHECK(renault::to_string(log_level::trace) == "TRACE");
    CHECK(renault::to_string(log_level::debug) == "DEBUG");
    CHECK(renault::to_string(log_level::info) == "INFO");
    CHECK(renault::to_string(log_level::warning) == "WARNING");
    CHECK(renault::to_string(log_level::error) == "ERROR");
}

TEST_CASE("a default logger is disabled and a logger passes messages at or above its level")
{
    const renault::logger off;
    CHECK_FALSE(off.enabled(log_level::error));
    off.error("nothing happens");

    std::vector<captured> lines;
    const auto log = capturing_logger(lines, log_level::info);
    CHECK_FALSE(log.enabled(log_level::debug));
    CHECK(log.enabled(log_level::info));
    CHECK(log.enabled(log_level::error));
    log.trace("t");
    log.debug("d");
    log.info("i");
    log.warning("w");
    log.error("e");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].level == log_level::info);
    CHECK(lines[0].message == "i");
    CHECK(lines[1].level == log_level::warning);
    CHECK(lines[2].level == log_level::error);
    CHECK(lines[2].message == "e");
}

TEST_CASE("a sink that throws does not make log throw")
{
    const renault::logger log([](log_level, std::string_view) { throw std::runtime_error("disk full"); },
                              log_level::debug);
    CHECK_NOTHROW(log.debug("message"));
}

TEST_CASE("redactor masks registered literals in raw and form-encoded and JSON-escaped forms")
{
    renault::redactor r;
    r.add_secret("abc"); // too short: ignored
    r.add_secret("my secret&pass\"word");
    CHECK(r.apply("abc def") == "abc def");
    CHECK(r.apply("before my secret&pass\"word after") == "before <redacted> after");
    CHECK(r.apply("x=my+secret%26pass%22word&y=1") == "x=<redacted>&y=1");
    CHECK(r.apply("x=my%20secret%26pass%22word") == "x=<redacted>");
    CHECK(r.apply(R"({"note": "my secret&pass\"word"})") == R"({"note": "<redacted>"})");
}

TEST_CASE("redactor masks JWT-shaped tokens and only those")
{
    const renault::redactor r;
    const std::string jwt = renault::test::make_jwt_expiring_in(900);
    CHECK(r.apply("token " + jwt + " used") == "token <redacted> used");
    CHECK(r.apply("[" + jwt + "]") == "[<redacted>]");
    CHECK(r.apply("a.b.c and eyJnotajwt and version 1.2.3") == "a.b.c and eyJnotajwt and version 1.2.3");
}

TEST_CASE("redactor masks secret JSON members plain and inside JSON strings")
{
    const renault::redactor r;
    CHECK(r.apply(R"({"sessionInfo": {"cookieValue": "st2.s.AcbHx9"}, "statusCode": 200})") ==
          R"({"sessionInfo": {"cookieValue": "<redacted>"}, "statusCode": 200})");
    CHECK(r.apply(R"({"password" : "a\"b\\", "loginID": "user@example.com"})") ==
          R"({"password" : "<redacted>", "loginID": "user@example.com"})");
    CHECK(r.apply(R"({"regToken":"rt-123","errorCode":403101})") == R"({"regToken":"<redacted>","errorCode":403101})");
    CHECK(r.apply(R"({"login_token": 123456789})") == R"({"login_token": <redacted>})");
    CHECK(r.apply(R"({"body": "{\"id_token\":\"abc\\\"def\",\"x\":1}"})") ==
          R"({"body": "{\"id_token\":\"<redacted>\",\"x\":1}"})");
    CHECK(r.apply(R"({"phvToken": "truncated-bo)") == R"({"phvToken": "<redacted>)");
    // "code" in JSON names vehicle models and energies: not a secret there.
    CHECK(r.apply(R"({"model": {"code": "X101VE", "label": "ZOE"}})") ==
          R"({"model": {"code": "X101VE", "label": "ZOE"}})");
}

TEST_CASE("redactor masks secret form and query parameters and header lines")
{
    const renault::redactor r;
    CHECK(r.apply("ApiKey=3_abc&loginID=user%40example.com&password=p%40ss") ==
          "ApiKey=3_abc&loginID=user%40example.com&password=<redacted>");
    CHECK(r.apply("https://x/accounts.tfa.initTFA?regToken=rt1&provider=gigyaEmail&mode=verify") ==
          "https://x/accounts.tfa.initTFA?regToken=<redacted>&provider=gigyaEmail&mode=verify");
    CHECK(r.apply("gigyaAssertion=ga1&phvToken=pt1&code=123456&providerAssertion=pa1") ==
          "gigyaAssertion=<redacted>&phvToken=<redacted>&code=<redacted>&providerAssertion=<redacted>");
    CHECK(r.apply("errorCode=403101&postcode=75001") == "errorCode=403101&postcode=75001");
    CHECK(r.apply("GET /\r\nCookie: gmid=gmid.ver4.abc; hasGmid=ver4\r\nAccept: */*") ==
          "GET /\r\nCookie: <redacted>\r\nAccept: */*");
    CHECK(r.apply("set-cookie: gmid=abc\nx-gigya-id_token: opaque-value\nauthorization:Bearer xyz") ==
          "set-cookie: <redacted>\nx-gigya-id_token: <redacted>\nauthorization:<redacted>");
}

TEST_CASE("describe_request and describe_response exact formats")
{
    const renault::http::request get{renault::http::method::get,
                                     "https://api-wired-prod-1-euw1.wrd-aws.com/commerce/v1/persons/p1?country=FR",
                                     {{"apikey", "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"},
                                      {"X-Gigya-Id_Token", "opaque"},
                                      {"Content-type", "application/vnd.api+json"}},
                                     ""};
    CHECK(renault::describe_request(get) ==
          "GET https://api-wired-prod-1-euw1.wrd-aws.com/commerce/v1/persons/p1?country=FR headers: "
          "apikey=YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J, X-Gigya-Id_Token=<redacted>, "
          "Content-type=application/vnd.api+json");

    const auto post = gigya_post("https://accounts.eu1.gigya.com/accounts.getJWT",
                                 "ApiKey=3_key&login_token=lt&fields=data.personId%2Cdata.gigyaDataCenter&expiration=900");
    CHECK(renault::describe_request(post) ==
          "POST https://accounts.eu1.gigya.com/accounts.getJWT headers: "
          "Content-Type=application/x-www-form-urlencoded body: "
          "ApiKey=3_key&login_token=<redacted>&fields=data.personId%2Cdata.gigyaDataCenter&expiration=900");

    const renault::http::response res{200, {{"Set-Cookie", "gmid=abc"}}, R"({"errorCode": 0})"};
    CHECK(renault::describe_response(res, "https://accounts.eu1.gigya.com/accounts.webSdkBootstrap") ==
          "HTTP 200 from https://accounts.eu1.gigya.com/accounts.webSdkBootstrap headers: Set-Cookie=<redacted> "
          "body: {\"errorCode\": 0}");
    CHECK(renault::describe_response({502, {}, ""}, "https://k/x") == "HTTP 502 from https://k/x");
}

TEST_CASE("no secret reaches the sink whatever path it takes while public values do")
{
    // Real-looking secrets.
    const std::string jwt = renault::test::make_jwt_expiring_in(900);
    const std::string login_token =
        "st2.s.AtLtKzqQrAw.wTzN4mNOp1u2-v3_XyZab9CdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop.sc3";
    const std::string password = "S3cr3t p@ss&word=\"quote\"%+é";
    const std::string reg_token = "st2.s.RegTok3nValueAAaaBBbbCCcc.RxyZ-123_456";
    const std::string gigya_assertion = "gigyaAssertionValue_Zx9Q2w3E4r5T6y7U8i9O0p";
    const std::string phv_token = "phvTokenValue.AbCdEf0123456789";
    const std::string provider_assertion = "providerAssertionValue-QWERTYuiop1234";
    const std::string gmid = "gmid.ver4.AtLtb1ZzJ2Q0b3RhbGx5UmFuZG9t";
    const std::string code = "482913";

    // Public values.
    const std::string gigya_api_key = "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N";
    const std::string kamereon_api_key = "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J";
    const std::string kamereon_url =
        "https://api-wired-prod-1-euw1.wrd-aws.com/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/"
        "cars/VF1AAAAA555777999/battery-status?country=FR";

    std::vector<captured> lines;
    auto log = capturing_logger(lines);
    // The client registers what it knows; JWTs and field values are caught by their shape anyway.
    log.secrets().add_secret(password);
    log.secrets().add_secret(login_token);

    const std::string encoded_password = "S3cr3t+p%40ss%26word%3D%22quote%22%25%2B%C3%A9";

    // Gigya form POSTs.
    log.debug(renault::describe_request(gigya_post(
        "https://accounts.eu1.gigya.com/accounts.login",
        "ApiKey=" + gigya_api_key + "&loginID=user%40example.com&password=" + encoded_password)));
    log.debug(renault::describe_request(gigya_post("https://accounts.eu1.gigya.com/accounts.getJWT",
                                                   "ApiKey=" + gigya_api_key + "&login_token=" + login_token +
                                                       "&fields=data.personId%2Cdata.gigyaDataCenter&expiration=900")));
    auto init_tfa = gigya_post("https://accounts.eu1.gigya.com/accounts.tfa.initTFA",
                               "APIKey=" + gigya_api_key + "&regToken=" + reg_token + "&provider=gigyaEmail&mode=verify");
    init_tfa.headers.push_back({"Cookie", "gmid=" + gmid});
    log.debug(renault::describe_request(init_tfa));
    log.debug(renault::describe_request(gigya_post(
        "https://accounts.eu1.gigya.com/accounts.tfa.email.completeVerification",
        "APIKey=" + gigya_api_key + "&gigyaAssertion=" + gigya_assertion + "&phvToken=" + phv_token + "&code=" + code)));
    log.debug(renault::describe_request(gigya_post("https://accounts.eu1.gigya.com/accounts.tfa.finalizeTFA",
                                                   "APIKey=" + gigya_api_key + "&gigyaAssertion=" + gigya_assertion +
                                                       "&providerAssertion=" + provider_assertion +
                                                       "&regToken=" + reg_token)));
    // A Gigya TFA call sent as GET with query parameters.
    log.debug(renault::describe_request({renault::http::method::get,
                                         "https://accounts.eu1.gigya.com/accounts.tfa.initTFA?APIKey=" + gigya_api_key +
                                             "&regToken=" + reg_token + "&provider=gigyaEmail&mode=verify",
                                         {},
                                         ""}));

    // A Kamereon GET with the JWT header.
    log.debug(renault::describe_request({renault::http::method::get,
                                         kamereon_url,
                                         {{"apikey", kamereon_api_key},
                                          {"x-gigya-id_token", jwt},
                                          {"Content-type", "application/vnd.api+json"}},
                                         ""}));

    // Gigya responses.
    log.debug(renault::describe_response(
        {200, {{"Content-Type", "application/json"}},
         R"({"callId": "c1", "errorCode": 0, "sessionInfo": {"cookieValue": ")" + login_token + R"("}, "statusCode": 200})"},
        "https://accounts.eu1.gigya.com/accounts.login"));
    log.debug(renault::describe_response({200, {}, R"({"errorCode": 0, "id_token": ")" + jwt + R"("})"},
                                         "https://accounts.eu1.gigya.com/accounts.getJWT"));
    log.debug(renault::describe_response(
        {200, {{"Set-Cookie", "gmid=" + gmid + "; path=/; domain=.gigya.com"}}, R"({"errorCode": 0})"},
        "https://accounts.eu1.gigya.com/accounts.webSdkBootstrap"));
    log.debug(renault::describe_response(
        {200, {}, R"({"errorCode": 403101, "errorDetails": "Pending Two-Factor Authentication", "regToken": ")" +
                      reg_token + R"("})"},
        "https://accounts.eu1.gigya.com/accounts.login"));
    log.debug(renault::describe_response({200, {}, R"({"errorCode":0,"gigyaAssertion":")" + gigya_assertion + R"("})"},
                                         "https://accounts.eu1.gigya.com/accounts.tfa.initTFA"));
    log.debug(renault::describe_response({200, {}, R"({"errorCode":0,"phvToken":")" + phv_token + R"("})"},
                                         "https://accounts.eu1.gigya.com/accounts.tfa.email.sendVerificationCode"));
    log.debug(renault::describe_response(
        {200, {}, R"({"errorCode":0,"providerAssertion":")" + provider_assertion + R"("})"},
        "https://accounts.eu1.gigya.com/accounts.tfa.email.completeVerification"));
    log.debug(renault::describe_response(
        {200, {}, R"({"data": {"type": "Car", "id": "VF1AAAAA555777999", "attributes": {"batteryLevel": 60}}})"},
        kamereon_url));

    // Free text and error messages.
    log.info("restoring the session with login token " + login_token);
    log.warning("login failed for password " + password + ", retrying");
    log.debug("JWT refreshed: " + jwt + " (expires in 900 s)");
    renault::server_diagnostics diag;
    diag.code = "err.func.wired.unauthorized";
    diag.excerpt = R"({"id_token": ")" + jwt.substr(0, 40) + R"(", "login_token": ")" + login_token.substr(0, 30);
    log.error(renault::describe(renault::make_error_code(renault::errc::invalid_response), diag));
    log.error(renault::error(renault::make_error_code(renault::errc::not_authenticated),
                             "Gigya rejected login token " + login_token)
                  .what());

    const std::string all = joined(lines);
    for (const std::string& secret :
         {jwt, jwt.substr(0, 40), login_token, login_token.substr(0, 30), password, encoded_password, reg_token,
          gigya_assertion, phv_token, provider_assertion, gmid, "code=" + code}) {
        INFO("secret: " << secret);
        CHECK(all.find(secret) == std::string::npos);
    }
    // The signature alone is long enough to identify the token: not there either.
    CHECK(all.find(jwt.substr(jwt.rfind('.') + 1)) == std::string::npos);

    for (const std::string& visible : {gigya_api_key, kamereon_api_key, kamereon_url, std::string("VF1AAAAA555777999"),
                                       std::string("https://accounts.eu1.gigya.com/accounts.tfa.finalizeTFA"),
                                       std::string("loginID=user%40example.com"), std::string("err.func.wired.unauthorized"),
                                       std::string("Pending Two-Factor Authentication")}) {
        INFO("public: " << visible);
        CHECK(all.find(visible) != std::string::npos);
    }
    CHECK(lines.size() == 20);
}

TEST_CASE("file_sink appends dated lines to dir/date.log with mode 0600")
{
    temp_dir dir;
    const auto logs = dir.path() / "logs";
    renault::logger log(renault::file_sink(logs), log_level::debug);
    log.secrets().add_secret("hunter2-password");
    log.debug("first line");
    log.warning("second with hunter2-password inside");

    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(logs))
        files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    const std::string name = files[0].filename().string();
    CHECK(std::regex_match(name, std::regex(R"(\d{4}-\d{2}-\d{2}\.log)")));
    CHECK(renault::test::file_mode(files[0]) == 0600);

    const std::string content = read_file(files[0]);
    const std::regex expected(R"((\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2} - renault - DEBUG - first line\n)"
                              R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - renault - WARNING - second with <redacted> inside\n)");
    std::smatch match;
    REQUIRE(std::regex_match(content, match, expected));
    CHECK(match[1].str() + ".log" == name);
}

TEST_CASE("stream_sink writes the same lines to a stream")
{
    std::ostringstream out;
    const renault::logger log(renault::stream_sink(out), log_level::info);
    log.info("hello");
    log.debug("not shown");
    CHECK(std::regex_match(out.str(), std::regex(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - renault - INFO - hello\n)")));
}
