// Response classification: every Kamereon and Gigya error fixture gives its exact errc, condition,
// server code and details; broken bodies, statuses and excerpts behave as docs/api/kamereon.md
// ("How an answer is classified", "Error details"), docs/api/authentication.md ("Answers and Gigya
// errors", "Two-factor login") and include/renault/protocol/response.hpp say.
#include <renault/protocol/response.hpp>

#include "support/fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

using renault::condition;
using renault::errc;
using renault::server_diagnostics;
using renault::protocol::classify_gigya;
using renault::protocol::classify_kamereon;
using renault::protocol::excerpt;
using renault::protocol::kamereon_error_details;

namespace {

renault::http::response make_response(unsigned status, std::string body, renault::http::headers headers = {})
{
    return renault::http::response{status, std::move(headers), std::move(body)};
}

renault::http::response fixture_response(unsigned status, const std::string& path)
{
    return make_response(status, renault::test::read_fixture(path));
}

/// The file names of a fixture folder.
std::set<std::string> files_in(const std::string& folder)
{
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(renault::test::fixtures_dir() / folder))
        if (entry.is_regular_file())
            names.insert(entry.path().filename().string());
    return names;
}

/// The six conditions; an error code must belong to exactly the expected one.
void check_condition(const boost::system::error_code& ec, std::optional<condition> expected)
{
    for (condition c : {condition::authentication, condition::not_supported, condition::rate_limited,
                        condition::transient, condition::bad_response, condition::invalid_request}) {
        INFO("condition " << static_cast<int>(c));
        CHECK((ec == c) == (expected == c));
    }
}

struct kamereon_case {
    const char* file;
    unsigned status;
    errc expected;
    condition group;
    const char* code;
    const char* message;
    const char* details;
};

// Each file read by hand; details as docs/api/kamereon.md, "Error details", computes them.
const std::vector<kamereon_case> kamereon_cases{
    {"access_denied.json", 403, errc::access_denied, condition::not_supported, "err.func.403",
     "Access is denied for this resource", "Access is denied for this resource"},
    {"charge_mode_error.json", 400, errc::charge_mode_error, condition::not_supported,
     "err.func.vcps.ev.charge-mode.error", "Charge mode error", "Charge mode error"},
    {"charge_mode_in_progress.json", 409, errc::charge_mode_in_progress, condition::transient, "409001",
     "Charge mode change already in progress", "Charge mode change already in progress"},
    {"failed_forward.json", 502, errc::failed_forward, condition::transient, "err.tech.wired.kamereon-proxy",
     "Failed to forward request to remote service.", "Failed to forward request to remote service."},
    {"forbidden.json", 403, errc::forbidden, condition::not_supported, "err.func.wired.forbidden",
     "The access is forbidden", "The access is forbidden"},
    {"hvac-status.403.403011.json", 403, errc::access_denied, condition::not_supported, "err.func.403",
     R"j({"errors":[{"status":"403","code":"403011","title":"Operation not supported","detail":"Operation not supported for this can (C1A)"}]})j",
     "Operation not supported Operation not supported for this can (C1A)"},
    {"invalid_date.json", 400, errc::invalid_input, condition::invalid_request, "err.func.400",
     R"({"errors":[{"status":"400","source":{"pointer":"/data/attributes/startDateTime"},"detail":"must be a future date"}]})",
     "/data/attributes/startDateTime must be a future date"},
    {"invalid_upstream.json", 500, errc::invalid_upstream, condition::transient, "err.tech.500",
     R"({"errors":[{"title":"Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway"}]})",
     "Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway"},
    {"no_gdc_gateway.json", 400, errc::no_gdc_gateway, condition::not_supported, "400001",
     "The vehicle does not have a GDC gateway", "The vehicle does not have a GDC gateway"},
    {"not_found.json", 404, errc::not_found, condition::not_supported, "err.func.wired.not-found", "Not found",
     "Not found"},
    {"not_supported.json", 501, errc::not_supported, condition::not_supported, "err.tech.501",
     R"({"errors":[{"title":"This feature is not technically supported by this gateway"}]})",
     "This feature is not technically supported by this gateway"},
    {"privacy_on.json", 403, errc::privacy_mode_on, condition::not_supported, "err.func.privacy.on",
     "Privacy mode is on", "Privacy mode is on"},
    {"quota_limit.json", 429, errc::quota_limit, condition::rate_limited, "err.func.wired.overloaded",
     "You have reached your quota limit", "You have reached your quota limit"},
    {"resource_not_found.json", 404, errc::resource_not_found, condition::not_supported, "err.func.wired.notFound",
     "Resource not found", "Resource not found"},
    {"unauthorized.json", 401, errc::jwt_unauthorized, condition::authentication, "err.func.wired.unauthorized",
     "The token is not valid", "The token is not valid"},
};

// The deliberately broken bodies of kamereon/error/ (fixtures/README.md).
const std::vector<std::string> kamereon_broken{"bad_gateway.html", "empty.txt", "truncated.json"};

struct gigya_case {
    const char* file;
    errc expected;
    const char* code;
    const char* message;
    const char* details;
};

const std::vector<gigya_case> gigya_cases{
    {"get_jwt.403005.json", errc::unauthorized_user, "403005", "Unauthorized user", "Unauthorized user"},
    {"get_jwt.403013.json", errc::unverified_user, "403013", "Unverified user", "Unverified user"},
    {"login.403042.json", errc::invalid_credentials, "403042", "Invalid LoginID", "invalid loginID or password"},
    {"login.403101.json", errc::pending_two_factor, "403101", "Account Pending TFA Verification",
     "Pending Two-Factor Authentication"},
    {"complete_verification.wrong_code.json", errc::two_factor_wrong_code, "400006", "Invalid parameter value",
     "Wrong verification code"},
    {"complete_verification.too_many_attempts.json", errc::two_factor_too_many_attempts, "403120", "Forbidden",
     "Maximum allowed tries exceeded"},
};

} // namespace

// =============================================================================================
// Kamereon

TEST_CASE("every Kamereon error fixture gives its errc, condition, code and details", "[kamereon]")
{
    for (const auto& c : kamereon_cases) {
        INFO("fixture kamereon/error/" << c.file << " with HTTP " << c.status);
        server_diagnostics diag;
        auto ec = classify_kamereon(fixture_response(c.status, std::string("kamereon/error/") + c.file), diag);
        CHECK(ec == c.expected);
        CHECK(ec.category() == renault::error_category());
        check_condition(ec, c.group);
        CHECK(diag.code == c.code);
        CHECK(diag.message == c.message);
        CHECK(diag.details == c.details);
        CHECK(diag.http_status == c.status);
        CHECK(diag.excerpt.empty());
        CHECK(diag.retry_after_seconds == 0);
    }
}

TEST_CASE("the Kamereon tables cover every file of kamereon/error/", "[kamereon]")
{
    std::set<std::string> covered(kamereon_broken.begin(), kamereon_broken.end());
    for (const auto& c : kamereon_cases)
        covered.insert(c.file);
    CHECK(covered == files_in("kamereon/error"));
    CHECK(covered.size() == 18);
}

TEST_CASE("errors[] decides before the HTTP status, even under 200", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(fixture_response(200, "kamereon/error/privacy_on.json"), diag);
    CHECK(ec == errc::privacy_mode_on);
    CHECK(diag.http_status == 200);
    ec = classify_kamereon(fixture_response(200, "kamereon/error/quota_limit.json"), diag);
    CHECK(ec == errc::quota_limit);
    CHECK(ec == condition::rate_limited);
}

TEST_CASE("the HTML 502 page is an invalid response with a clean excerpt, whatever the status", "[kamereon]")
{
    for (unsigned status : {502u, 200u}) {
        INFO("HTTP " << status);
        server_diagnostics diag;
        auto ec = classify_kamereon(fixture_response(status, "kamereon/error/bad_gateway.html"), diag);
        CHECK(ec == errc::invalid_response);
        check_condition(ec, condition::bad_response);
        CHECK(diag.http_status == status);
        CHECK(diag.excerpt == "502 Bad Gateway 502 Bad Gateway nginx");
        CHECK(diag.excerpt.find("502 Bad Gateway") != std::string::npos);
        CHECK(diag.excerpt.find('<') == std::string::npos);
        CHECK(diag.code.empty());
        CHECK(diag.details.empty());
    }
}

TEST_CASE("empty and truncated bodies are invalid responses", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(fixture_response(200, "kamereon/error/empty.txt"), diag);
    CHECK(ec == errc::invalid_response);
    CHECK(diag.http_status == 200);
    CHECK(diag.excerpt.empty());

    ec = classify_kamereon(fixture_response(200, "kamereon/error/truncated.json"), diag);
    CHECK(ec == errc::invalid_response);
    CHECK(ec == condition::bad_response);
    CHECK(diag.http_status == 200);
    CHECK(diag.excerpt ==
          R"({ "data": { "type": "Car", "id": "VF1AAAAA555777999", "attributes": { "batteryLevel": 50, )"
          R"("batteryAutonomy": 128, "plugStatus": 0, "timestamp": "2020-11-17T09:0)");

    ec = classify_kamereon(make_response(200, "  \n  "), diag);
    CHECK(ec == errc::invalid_response);
    ec = classify_kamereon(make_response(200, "OK"), diag);
    CHECK(ec == errc::invalid_response);
    CHECK(diag.excerpt == "OK");
    ec = classify_kamereon(make_response(200, "[1, 2"), diag);
    CHECK(ec == errc::invalid_response);
    CHECK(diag.excerpt == "[1, 2");
}

TEST_CASE("an array body is a valid answer, but the status still counts", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(fixture_response(200, "kamereon/vehicle_info/alerts.json"), diag);
    CHECK_FALSE(ec);
    CHECK(diag.empty());
    ec = classify_kamereon(fixture_response(200, "kamereon/vehicle_contract/fr_FR.1.json"), diag);
    CHECK_FALSE(ec);
    ec = classify_kamereon(make_response(200, "[]"), diag);
    CHECK_FALSE(ec);
    // An array of objects carrying errors[] is data, not an error body.
    ec = classify_kamereon(make_response(200, R"([{"errors": [{"errorCode": "err.func.403"}]}])"), diag);
    CHECK_FALSE(ec);
    ec = classify_kamereon(make_response(500, "[]"), diag);
    CHECK(ec == errc::http_status);
    CHECK(diag.http_status == 500);
}

TEST_CASE("HTTP 429 with a body that says nothing is a quota error", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(
        make_response(429, "<html><head><title>429 Too Many Requests</title></head></html>", {{"Retry-After", "60"}}),
        diag);
    CHECK(ec == errc::quota_limit);
    check_condition(ec, condition::rate_limited);
    CHECK(diag.http_status == 429);
    CHECK(diag.retry_after_seconds == 60);
    CHECK(diag.excerpt == "429 Too Many Requests");

    ec = classify_kamereon(make_response(429, ""), diag);
    CHECK(ec == errc::quota_limit);
    CHECK(diag.retry_after_seconds == 0);

    ec = classify_kamereon(make_response(429, R"({"message": "slow down"})"), diag);
    CHECK(ec == errc::quota_limit);
    CHECK(diag.http_status == 429);

    // errors[] with a code the table does not know, or with no code: HTTP 429 still says "slow down".
    ec = classify_kamereon(
        make_response(429, R"({"errors": [{"errorCode": "err.func.wired.tooManyCalls", "errorMessage": "later"}]})",
                      {{"Retry-After", "120"}}),
        diag);
    CHECK(ec == errc::quota_limit);
    CHECK(diag.code == "err.func.wired.tooManyCalls");
    CHECK(diag.message == "later");
    CHECK(diag.retry_after_seconds == 120);
    ec = classify_kamereon(make_response(429, R"({"errors": [1]})"), diag);
    CHECK(ec == errc::quota_limit);
    // The same unknown code under another status stays a plain Kamereon error.
    ec = classify_kamereon(make_response(400, R"({"errors": [{"errorCode": "err.func.wired.tooManyCalls"}]})"), diag);
    CHECK(ec == errc::kamereon_error);
}

TEST_CASE("Retry-After seconds are kept for quota errors only", "[kamereon]")
{
    server_diagnostics diag;
    auto quota = renault::test::read_fixture("kamereon/error/quota_limit.json");
    auto ec = classify_kamereon(make_response(429, quota, {{"retry-after", " 900 "}}), diag);
    CHECK(ec == errc::quota_limit);
    CHECK(diag.retry_after_seconds == 900);
    // The HTTP-date form and nonsense are not understood: 0, "not known".
    ec = classify_kamereon(make_response(429, quota, {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}}), diag);
    CHECK(diag.retry_after_seconds == 0);
    ec = classify_kamereon(make_response(429, quota, {{"Retry-After", "-5"}}), diag);
    CHECK(diag.retry_after_seconds == 0);
    ec = classify_kamereon(make_response(429, quota, {{"Retry-After", "99999999999999999999"}}), diag);
    CHECK(diag.retry_after_seconds == 0);
    ec = classify_kamereon(make_response(403, renault::test::read_fixture("kamereon/error/privacy_on.json"),
                                         {{"Retry-After", "30"}}),
                           diag);
    CHECK(ec == errc::privacy_mode_on);
    CHECK(diag.retry_after_seconds == 0);
}

TEST_CASE("a success body under an error status is an HTTP status error", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(fixture_response(500, "kamereon/vehicle_data/battery-status.zoe_40.json"), diag);
    CHECK(ec == errc::http_status);
    check_condition(ec, condition::bad_response);
    CHECK(diag.http_status == 500);
    CHECK(diag.code.empty());
    CHECK(diag.excerpt.rfind(R"({ "data": { "type": "Car", "id": "VF1AAAAA555777999")", 0) == 0);

    ec = classify_kamereon(make_response(404, R"({"errors": []})"), diag);
    CHECK(ec == errc::http_status);
    CHECK(diag.excerpt == R"({"errors": []})");
}

TEST_CASE("a success body under 2xx is a success, and the diagnostics stay empty", "[kamereon]")
{
    server_diagnostics diag;
    diag.code = "left over from an earlier call";
    auto ec = classify_kamereon(fixture_response(200, "kamereon/vehicle_data/battery-status.zoe_40.json"), diag);
    CHECK_FALSE(ec);
    CHECK(diag.empty());
    ec = classify_kamereon(make_response(200, "\xEF\xBB\xBF \r\n\t{\"data\": {}}"), diag);
    CHECK_FALSE(ec);
    ec = classify_kamereon(make_response(200, R"({"errors": null, "data": {}})"), diag);
    CHECK_FALSE(ec);
}

TEST_CASE("leading whitespace does not hide an error body", "[kamereon]")
{
    server_diagnostics diag;
    auto body = "\n \t" + renault::test::read_fixture("kamereon/error/quota_limit.json");
    auto ec = classify_kamereon(make_response(429, body), diag);
    CHECK(ec == errc::quota_limit);
    CHECK(diag.code == "err.func.wired.overloaded");
}

TEST_CASE("numeric and unknown Kamereon error codes", "[kamereon]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(
        make_response(409, R"({"errors": [{"errorCode": 409001, "errorMessage": "Charge mode change already in progress"}]})"),
        diag);
    CHECK(ec == errc::charge_mode_in_progress);
    CHECK(ec == condition::transient);
    CHECK(diag.code == "409001");
    CHECK(diag.details == "Charge mode change already in progress");

    ec = classify_kamereon(make_response(403, R"({"errors": [{"errorCode": 403009.0, "errorMessage": "Privacy"}]})"), diag);
    CHECK(ec == errc::privacy_mode);
    CHECK(diag.code == "403009");

    ec = classify_kamereon(
        make_response(503, R"({"errors": [{"errorCode": "err.tech.circuit-breaker", "errorMessage": "CircuitBreaker is OPEN"},
                                          {"errorCode": "err.func.403", "errorMessage": "second"}]})"),
        diag);
    CHECK(ec == errc::kamereon_error);
    check_condition(ec, condition::bad_response);
    CHECK(diag.code == "err.tech.circuit-breaker");
    CHECK(diag.message == "CircuitBreaker is OPEN");
    CHECK(diag.details == "CircuitBreaker is OPEN");
    CHECK(diag.http_status == 503);

    // A Gigya code in a Kamereon body is not a Gigya error.
    ec = classify_kamereon(make_response(403, R"({"errors": [{"errorCode": "403042", "errorMessage": "x"}]})"), diag);
    CHECK(ec == errc::kamereon_error);
    CHECK(diag.code == "403042");

    // An entry that is not an object, or without a code: still a Kamereon error.
    ec = classify_kamereon(make_response(400, R"({"errors": ["oops"]})"), diag);
    CHECK(ec == errc::kamereon_error);
    CHECK(diag.code.empty());
    ec = classify_kamereon(make_response(200, R"({"errors": [{"errorMessage": {"errors": [{"title": "T"}]}}]})"), diag);
    CHECK(ec == errc::kamereon_error);
    CHECK(diag.message == R"({"errors":[{"title":"T"}]})");
    CHECK(diag.details == "T");
}

TEST_CASE("kamereon_error_details joins title, source.pointer and detail of each error", "[kamereon]")
{
    CHECK(kamereon_error_details(
              R"({"errors":[{"status":"400","source":{"pointer":"/data/attributes/startDateTime"},"detail":"must be a future date"}]})") ==
          "/data/attributes/startDateTime must be a future date");
    CHECK(kamereon_error_details(
              R"({"errors":[{"title":"Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway"}]})") ==
          "Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway");
    CHECK(kamereon_error_details(
              R"j({"errors":[{"status":"403","code":"403011","title":"Operation not supported","detail":"Operation not supported for this can (C1A)"}]})j") ==
          "Operation not supported Operation not supported for this can (C1A)");
    CHECK(kamereon_error_details("You have reached your quota limit") == "You have reached your quota limit");

    // All three parts, several entries, empty parts skipped.
    CHECK(kamereon_error_details(
              R"({"errors":[{"title":"Bad","source":{"pointer":"/a"},"detail":"no"},{"title":"","detail":"second"},{"status":"1"},{"title":"third"}]})") ==
          "Bad /a no, second, third");
    // JSON without usable entries, or not the expected shape: the message itself.
    CHECK(kamereon_error_details(R"({"errors":[]})") == R"({"errors":[]})");
    CHECK(kamereon_error_details(R"({"errors":[{"status":"500"}]})") == R"({"errors":[{"status":"500"}]})");
    CHECK(kamereon_error_details(R"({"errors":{"title":"x"}})") == R"({"errors":{"title":"x"}})");
    CHECK(kamereon_error_details(R"({"title":"x"})") == R"({"title":"x"})");
    CHECK(kamereon_error_details("409001") == "409001");
    CHECK(kamereon_error_details(R"({"errors":[{"title":)") == R"({"errors":[{"title":)");
    CHECK(kamereon_error_details("").empty());
}

// =============================================================================================
// Gigya

TEST_CASE("every Gigya error fixture gives its errc, condition, code and details", "[gigya]")
{
    for (const auto& c : gigya_cases) {
        INFO("fixture gigya/error/" << c.file);
        server_diagnostics diag;
        // Gigya answers errors under HTTP 200 too; the body decides.
        for (unsigned status : {200u, 403u}) {
            auto ec = classify_gigya(fixture_response(status, std::string("gigya/error/") + c.file), diag);
            CHECK(ec == c.expected);
            check_condition(ec, condition::authentication);
            CHECK(diag.code == c.code);
            CHECK(diag.message == c.message);
            CHECK(diag.details == c.details);
            CHECK(diag.http_status == status);
            CHECK(diag.excerpt.empty());
        }
    }
}

TEST_CASE("the Gigya table covers every file of gigya/error/", "[gigya]")
{
    std::set<std::string> covered;
    for (const auto& c : gigya_cases)
        covered.insert(c.file);
    CHECK(covered == files_in("gigya/error"));
}

TEST_CASE("Gigya success bodies are successes", "[gigya]")
{
    server_diagnostics diag;
    for (const char* path : {"gigya/login.json", "gigya/get_account_info.json", "gigya/get_jwt.json",
                             "gigya/tfa/complete_verification.json", "gigya/tfa/finalize_registration.json"}) {
        INFO(path);
        auto ec = classify_gigya(fixture_response(200, path), diag);
        CHECK_FALSE(ec);
        CHECK(diag.empty());
    }
    // No errorCode at all is not an error here (the model decoder reports the missing field).
    CHECK_FALSE(classify_gigya(make_response(200, "{}"), diag));
    CHECK_FALSE(classify_gigya(make_response(200, R"({"errorCode": -1})"), diag));
}

TEST_CASE("a Gigya body that is not a JSON object is an invalid response", "[gigya]")
{
    server_diagnostics diag;
    auto ec = classify_gigya(fixture_response(502, "kamereon/error/bad_gateway.html"), diag);
    CHECK(ec == errc::invalid_response);
    check_condition(ec, condition::bad_response);
    CHECK(diag.message == "Gigya responded with invalid JSON");
    CHECK(diag.http_status == 502);
    CHECK(diag.excerpt == "502 Bad Gateway 502 Bad Gateway nginx");

    for (const char* body : {"", "[]", "null", "403042", R"("text")", R"({"errorCode": 403042,)"}) {
        INFO("body " << body);
        ec = classify_gigya(make_response(200, body), diag);
        CHECK(ec == errc::invalid_response);
        CHECK(diag.message == "Gigya responded with invalid JSON");
        CHECK(diag.code.empty());
    }
}

TEST_CASE("Gigya errorCode 0 under an error status, unknown and odd codes", "[gigya]")
{
    server_diagnostics diag;
    auto ec = classify_gigya(fixture_response(500, "gigya/get_jwt.json"), diag);
    CHECK(ec == errc::http_status);
    CHECK(diag.http_status == 500);
    CHECK(diag.code.empty());
    CHECK_FALSE(diag.excerpt.empty());

    ec = classify_gigya(make_response(200, R"({"errorCode": 400009, "errorMessage": "Validation error",
                                               "errorDetails": "Schema validation failed", "statusCode": 400})"),
                        diag);
    CHECK(ec == errc::gigya_error);
    check_condition(ec, condition::bad_response);
    CHECK(diag.code == "400009");
    CHECK(diag.message == "Validation error");
    CHECK(diag.details == "Schema validation failed");

    // A code as a string, and a Kamereon code in a Gigya body.
    ec = classify_gigya(make_response(200, R"({"errorCode": "403042", "errorDetails": "invalid loginID or password"})"), diag);
    CHECK(ec == errc::invalid_credentials);
    CHECK(diag.code == "403042");
    ec = classify_gigya(make_response(200, R"({"errorCode": 409001})"), diag);
    CHECK(ec == errc::gigya_error);
    CHECK(diag.code == "409001");
    CHECK(diag.details.empty());
}

TEST_CASE("two-factor failures are recognised by their text, in any case", "[gigya]")
{
    server_diagnostics diag;
    auto ec = classify_gigya(make_response(200, R"({"errorCode": 400006, "errorMessage": "INVALID VERIFICATION CODE"})"), diag);
    CHECK(ec == errc::two_factor_wrong_code);
    CHECK(diag.message == "INVALID VERIFICATION CODE");
    ec = classify_gigya(make_response(200, R"({"errorCode": 403120, "errorDetails": "Too many attempts"})"), diag);
    CHECK(ec == errc::two_factor_too_many_attempts);
    // The text wins over the table: a known code with a two-factor text is a two-factor failure.
    ec = classify_gigya(make_response(200, R"({"errorCode": 403042, "errorDetails": "Wrong verification code"})"), diag);
    CHECK(ec == errc::two_factor_wrong_code);
}

// =============================================================================================
// Messages

TEST_CASE("error messages and describe() say what failed", "[messages]")
{
    server_diagnostics diag;
    auto ec = classify_kamereon(fixture_response(429, "kamereon/error/quota_limit.json"), diag);
    CHECK(ec.message() == "You have reached your quota limit");
    CHECK(renault::describe(ec, diag) == "You have reached your quota limit (err.func.wired.overloaded)");

    ec = classify_kamereon(fixture_response(400, "kamereon/error/invalid_date.json"), diag);
    CHECK(ec.message() == "Invalid input");
    CHECK(renault::describe(ec, diag) == "Invalid input (err.func.400): /data/attributes/startDateTime must be a future date");

    ec = classify_kamereon(fixture_response(502, "kamereon/error/bad_gateway.html"), diag);
    CHECK(ec.message() == "the server's answer is invalid (malformed HTTP, or not the JSON the API sends)");
    CHECK(renault::describe(ec, diag) ==
          "the server's answer is invalid (malformed HTTP, or not the JSON the API sends) [HTTP 502]: 502 Bad Gateway 502 Bad Gateway nginx");

    ec = classify_gigya(fixture_response(200, "gigya/error/login.403042.json"), diag);
    CHECK(ec.message() == "invalid loginID or password");
    CHECK(renault::describe(ec, diag) == "invalid loginID or password (403042)");

    ec = classify_gigya(fixture_response(200, "gigya/error/complete_verification.wrong_code.json"), diag);
    CHECK(renault::describe(ec, diag) == "wrong verification code (400006): Wrong verification code");
}

// =============================================================================================
// Excerpts

TEST_CASE("excerpt redacts JWTs and long tokens", "[excerpt]")
{
    CHECK(excerpt(R"({"id_token":"eyJhbGciOiJIUzI1NiJ9.e30.abc","x":1})") == R"({"id_token":"<redacted>","x":1})");
    CHECK(excerpt("token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwZXJzb24taWQtMSJ9.c2lnbmF0dXJl here") ==
          "token <redacted> here");
    CHECK(excerpt("cookie=st2.s.AcbH4aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789;") == "cookie=<redacted>;");
    // Short values are not tokens; neither is "eyJ" alone or with one dot.
    CHECK(excerpt("sample-jwt-token sample-cookie-value eyJabc eyJabc.def") ==
          "sample-jwt-token sample-cookie-value eyJabc eyJabc.def");
    CHECK(excerpt(std::string(31, 'a')) == std::string(31, 'a'));
    CHECK(excerpt(std::string(32, 'a')) == "<redacted>");
}

TEST_CASE("excerpt strips markup and collapses whitespace", "[excerpt]")
{
    CHECK(excerpt("<html><style>body { color: red }</style><script type=\"x\">var a = 1 < 2;</script>"
                  "<h1>Service\n\n  Unavailable</h1><!-- <b>hidden</b> --></html>") == "Service Unavailable");
    CHECK(excerpt("a<!-- x > y -->b") == "a b");
    CHECK(excerpt("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2");
    CHECK(excerpt("  line one\r\n\tline\x01two  ") == "line one line two");
    CHECK(excerpt("text <div class=") == "text");
    CHECK(excerpt("<p>unterminated <script>alert(1)") == "unterminated");
    CHECK(excerpt("").empty());
}

TEST_CASE("excerpt cuts at max on a character boundary", "[excerpt]")
{
    const std::string words(200, 'x');
    std::string spaced;
    for (int i = 0; i < 100; ++i)
        spaced += "ab ";
    auto cut = excerpt(spaced);
    CHECK(cut.size() == 160 + 3);
    CHECK(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
    CHECK(excerpt(spaced, 5) == "ab ab\xE2\x80\xA6");
    CHECK(excerpt(spaced, 3) == "ab\xE2\x80\xA6"); // the space before the cut goes
    CHECK(excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xE2\x80\xA6");
    CHECK(excerpt("abc", 0) == "\xE2\x80\xA6");
    CHECK(excerpt("abc", 3) == "abc");
    // A cut never leaves half a "<redacted>".
    CHECK(excerpt("ab " + words, 6) == "ab\xE2\x80\xA6");
}

// =============================================================================================
// Robustness

TEST_CASE("classification never throws or crashes on hostile bodies", "[robustness]")
{
    std::vector<std::string> bodies{
        std::string(100000, '['),
        std::string(100000, '{'),
        "{\"errors\": [" + std::string(5000, '[') + "]}",
        "{\"errors\": [{\"errorCode\": 1e400}]}",
        "{\"errors\": [{\"errorCode\": -0.5, \"errorMessage\": 7}]}",
        "{\"errorCode\": 18446744073709551615}",
        "{\"errorCode\": 1e300, \"errorDetails\": [1, 2]}",
        std::string("\0\0\0", 3),
        std::string(100000, '<'),
        "<<<<>>>><!--",
        "<script",
        "<style>",
        "\xFF\xFE\x80\xC3",
    };
    for (int i = 0; i < 256; ++i)
        bodies.push_back(std::string(1, static_cast<char>(i)) + "{\"errors\":[{\"errorCode\":\"x\"}]}");
    for (const auto& body : bodies) {
        for (unsigned status : {0u, 200u, 429u, 500u, 999u}) {
            server_diagnostics diag;
            auto r = make_response(status, body);
            CHECK_NOTHROW(classify_kamereon(r, diag));
            CHECK_NOTHROW(classify_gigya(r, diag));
            CHECK_NOTHROW(excerpt(body, 0));
            CHECK_NOTHROW(kamereon_error_details(body));
        }
    }
    server_diagnostics diag;
    CHECK(classify_kamereon(make_response(200, std::string(100000, '[')), diag) == errc::invalid_response);
    CHECK(diag.excerpt.size() == 160 + 3);
    CHECK_FALSE(classify_gigya(make_response(200, "{\"errorCode\": 1e300}"), diag));
}
