// renault-mock's server: what it answers (Gigya login and two-factor flow, Kamereon person,
// vehicles and every endpoint of the schema, faults) and how (Boost.Beast over HTTP or HTTPS,
// one thread, C++20 coroutines).
#include "server.hpp"

#include <renault/endpoints.hpp>
#include <renault/http/url.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>

namespace renault::mock {
namespace {

namespace json = boost::json;
using system_clock = std::chrono::system_clock;
using steady_clock = std::chrono::steady_clock;

constexpr std::string_view kamereon_json = "application/vnd.api+json";
constexpr std::string_view gigya_json = "text/javascript; charset=utf-8";

// -------------------------------------------------------------------------------------------------
// Small helpers

std::string iso_time(system_clock::time_point t)
{
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t - seconds).count();
    const std::time_t tt = system_clock::to_time_t(seconds);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char text[40];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
    return text;
}

std::int64_t unix_seconds() { return std::chrono::duration_cast<std::chrono::seconds>(system_clock::now().time_since_epoch()).count(); }

std::string lowercase(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string base64url(std::string_view bytes)
{
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2)
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (rest == 2)
            out += alphabet[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view in)
{
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : in) {
        int d = -1;
        if (c >= 'A' && c <= 'Z')
            d = c - 'A';
        else if (c >= 'a' && c <= 'z')
            d = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            d = c - '0' + 52;
        else if (c == '-')
            d = 62;
        else if (c == '_')
            d = 63;
        if (d < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<unsigned>(d);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

/// Random identifiers: tokens of the two-factor flow, cookie values, action ids.
class token_source {
public:
    token_source() : engine_(std::random_device{}()) {}

    std::string hex(std::size_t digits)
    {
        constexpr char hex_digits[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i < digits; ++i)
            out += hex_digits[engine_() & 0xF];
        return out;
    }

    /// A random (version 4) UUID, the form of the `id` of action answers.
    std::string uuid()
    {
        std::string h = hex(32);
        h[12] = '4';
        h[16] = "89ab"[engine_() & 3];
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
    }

private:
    std::mt19937_64 engine_;
};

// -------------------------------------------------------------------------------------------------
// JWT (HS256), signed with a key made at start-up

class jwt_signer {
public:
    jwt_signer()
    {
        if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
            std::random_device device;
            for (auto& b : key_)
                b = static_cast<unsigned char>(device());
        }
    }

    std::string sign(const json::object& claims) const
    {
        const std::string input = base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(json::serialize(claims));
        return input + "." + base64url(mac(input));
    }

    enum class verdict { valid, malformed, bad_signature, expired };

    /// Checks the signature and `exp`; on success `claims` holds the payload.
    verdict verify(std::string_view token, json::object& claims) const
    {
        const auto first = token.find('.');
        const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
        if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
            return verdict::malformed;
        const auto signature = base64url_decode(token.substr(second + 1));
        const std::string expected = mac(token.substr(0, second));
        if (!signature || signature->size() != expected.size() ||
            CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
            return verdict::bad_signature;
        const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
        if (!payload)
            return verdict::malformed;
        boost::system::error_code ec;
        json::value parsed = json::parse(*payload, ec);
        if (ec || !parsed.is_object())
            return verdict::malformed;
        const json::value* exp = parsed.get_object().if_contains("exp");
        if (!exp || !exp->is_number())
            return verdict::malformed;
        if (exp->to_number<double>() <= static_cast<double>(unix_seconds()))
            return verdict::expired;
        claims = std::move(parsed.get_object());
        return verdict::valid;
    }

private:
    std::string mac(std::string_view input) const
    {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(input.data()),
             input.size(), out, &length);
        return std::string(reinterpret_cast<const char*>(out), length);
    }

    std::array<unsigned char, 32> key_{};
};

// -------------------------------------------------------------------------------------------------
// Requests and replies, independent of the transport

struct incoming {
    std::string method;
    std::string target;  ///< path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
    std::string body;

    const std::string* header(std::string_view name) const
    {
        for (const auto& [n, v] : headers)
            if (n == name)
                return &v;
        return nullptr;
    }
};

struct reply {
    int status = 200;
    std::string content_type = std::string(kamereon_json);
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool drop_mid_body = false;  ///< send the headers and half of the body, then close
    std::chrono::milliseconds delay{0};

    // What the request log says about it.
    std::string endpoint;
    std::string fault;
    std::string auth;  ///< why the credentials were refused
    std::string note;  ///< why the answer is not the normal one, when no fault decided it
    bool gigya = false;  ///< query values may be secrets: not logged
    std::vector<std::string> form_fields;
};

/// Which endpoint a request is for.
struct route {
    enum class area { unknown, gigya, kamereon } where = area::unknown;
    const endpoint_info* def = nullptr;
    std::string gigya_method;  ///< "accounts.login"
    std::string account_id, vin, person_id;

    std::string log_name() const
    {
        if (where == area::gigya)
            return gigya_method;
        return def ? std::string(def->key) : std::string();
    }
};

const endpoint_info* find_definition(std::string_view key)
{
    for (const auto& def : endpoints::definitions)
        if (def.key == key)
            return &def;
    return nullptr;
}

/// The full path template of a definition, as the client builds it (protocol/request.hpp).
std::string full_template(const endpoint_info& def)
{
    switch (def.base) {
    case endpoint_base::kamereon: return "/commerce/v1/accounts/{account_id}/kamereon" + std::string(def.path);
    case endpoint_base::commerce: return "/commerce/v1" + std::string(def.path);
    case endpoint_base::gigya: break;
    }
    return std::string(def.path);
}

std::vector<std::string_view> split_path(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        parts.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return parts;
}

std::string percent_decoded(std::string_view s)
{
    const auto params = http::parse_query("x=" + std::string(s));
    return params.empty() ? std::string() : params.front().second;
}

/// The path of an endpoint, split at '/': literal segments and placeholders such as "{vin}".
struct path_template {
    const endpoint_info* def = nullptr;
    std::vector<std::string> segments;
};

bool match_template(const path_template& t, const std::vector<std::string_view>& path, route& r)
{
    if (t.segments.size() != path.size())
        return false;
    route captured = r;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const std::string& segment = t.segments[i];
        if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
            if (path[i].empty())
                return false;
            const std::string value = percent_decoded(path[i]);
            if (segment == "{account_id}")
                captured.account_id = value;
            else if (segment == "{vin}")
                captured.vin = value;
            else if (segment == "{person_id}")
                captured.person_id = value;
        } else if (segment != path[i]) {
            return false;
        }
    }
    r = std::move(captured);
    return true;
}

/// Endpoints that share a path and method are told apart by a member of data.attributes.
struct discriminator {
    std::string_view key;
    std::string_view member;
    std::string_view values;  ///< space-separated
};
constexpr discriminator discriminators[] = {
    {"actions/charge-start", "action", "start"},
    {"actions/charge-stop", "action", "stop"},
    {"actions/hvac-start", "action", "start"},
    {"actions/hvac-stop", "action", "cancel stop"},
    {"actions/horn-start", "target", "horn"},
    {"actions/lights-start", "target", "lights"},
    {"actions/charge-start-via-pause-resume", "action", "resume"},
    {"actions/charge-stop-via-pause-resume", "action", "pause"},
};

bool word_in(std::string_view words, std::string_view word)
{
    while (!words.empty()) {
        const auto space = words.find(' ');
        if (words.substr(0, space) == word)
            return true;
        words = space == std::string_view::npos ? std::string_view{} : words.substr(space + 1);
    }
    return false;
}

const json::object* object_at(const json::value& v, std::string_view key)
{
    if (!v.is_object())
        return nullptr;
    const json::value* member = v.get_object().if_contains(key);
    return member && member->is_object() ? &member->get_object() : nullptr;
}

json::object& object_member(json::object& o, std::string_view key)
{
    json::value& member = o[key];
    if (!member.is_object())
        member = json::object();
    return member.get_object();
}

/// data.attributes of a data envelope, created when missing.
json::object& attributes_of(json::value& body)
{
    if (!body.is_object())
        body = json::object();
    return object_member(object_member(body.get_object(), "data"), "attributes");
}

std::string string_member(const json::object* o, std::string_view key)
{
    if (!o)
        return {};
    const json::value* v = o->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

/// A Kamereon error body in the shape of the fixtures, for a request the mock rejects itself.
std::string kamereon_invalid_input(std::string_view source_kind, std::string_view source, std::string_view detail)
{
    json::object item{{"status", "400"}, {"source", json::object{{source_kind, source}}}, {"detail", detail}};
    const std::string message = json::serialize(json::object{{"errors", json::array{item}}});
    json::object body{
        {"type", "FUNCTIONAL"},
        {"messages", json::array{json::object{{"code", "err.func.400"}, {"message", message}}}},
        {"errors", json::array{json::object{{"errorCode", "err.func.400"},
                                            {"errorMessage", message},
                                            {"errorType", "functional"},
                                            {"errorLevel", "error"}}}},
        {"error_reference", "FUNCTIONAL"},
    };
    return to_json_text(body);
}

/// A Gigya error answer (HTTP 200, the error in the body).
std::string gigya_error(long code, std::string_view message, std::string_view details, int status, std::string_view reason)
{
    json::object body{
        {"callId", "callId"},         {"errorCode", code},     {"errorDetails", details},
        {"errorMessage", message},    {"apiVersion", 2},       {"statusCode", status},
        {"statusReason", reason},     {"time", iso_time(system_clock::now())},
    };
    return to_json_text(body);
}

// -------------------------------------------------------------------------------------------------
// The simulated servers

struct vehicle_state {
    const vehicle_config* config = nullptr;
    json::object link;                         ///< its entry of vehicleLinks
    std::map<std::string, json::value> bodies; ///< read key → body as actions changed it
};

struct account_state {
    const account_config* config = nullptr;
    std::vector<vehicle_state> vehicles;
    std::string vehicles_body;
};

struct user_state {
    const user_config* config = nullptr;
    std::vector<account_state> accounts;
    std::string person_body;
    bool two_factor_passed = false;  ///< finalizeTFA done: the next login or finalizeRegistration succeeds
};

/// A login waiting for its two-factor verification.
struct pending_login {
    user_state* user = nullptr;
    std::string reg_token, gigya_assertion, phv_token, provider_assertion;
    int wrong_codes = 0;
    bool verified = false;
    bool finalized = false;
};

struct fault_state {
    const fault_config* config = nullptr;
    long seen = 0;
    long fired = 0;
    steady_clock::time_point window_start{};
    long in_window = 0;
};

class mock_api {
public:
    mock_api(scenario s, fixture_store& fixtures) : scenario_(std::move(s)), fixtures_(fixtures)
    {
        for (const auto& def : endpoints::definitions) {
            path_template t{&def, {}};
            const std::string path = full_template(def);
            for (const auto segment : split_path(path))
                t.segments.emplace_back(segment);
            templates_.push_back(std::move(t));
        }
        users_.reserve(scenario_.users.size());
        for (const auto& user : scenario_.users)
            users_.push_back(make_user(user));
        for (const auto& f : scenario_.faults)
            faults_.push_back(fault_state{&f});
    }

    reply handle(const incoming& in)
    {
        reply out;
        try {
            const auto url = http::split_url(in.target);
            const auto query = http::parse_query(url.query);
            const route r = find_route(in.method, url.path, in.body);
            out.endpoint = r.log_name();
            out.gigya = r.where != route::area::kamereon;
            apply_latency(r, out);
            switch (r.where) {
            case route::area::gigya: gigya(r, in, query, out); break;
            case route::area::kamereon: kamereon(r, in, query, out); break;
            case route::area::unknown:
                answer_fixture(out, {"kamereon/error/not_found.json", 404});
                out.note = "unknown_endpoint";
                break;
            }
            if (r.where != route::area::unknown && out.fault.empty())
                apply_transport_faults(r, out);
        } catch (const std::exception& e) {
            out = reply{};
            out.status = 500;
            out.content_type = "text/plain";
            out.body = std::string("renault-mock: internal error: ") + e.what() + "\n";
        }
        return out;
    }

private:
    // ---- set-up ---------------------------------------------------------------------------------

    user_state make_user(const user_config& config)
    {
        user_state user;
        user.config = &config;
        for (const auto& account : config.accounts) {
            account_state a;
            a.config = &account;
            json::array links;
            for (const auto& vehicle : account.vehicles) {
                vehicle_state v;
                v.config = &vehicle;
                v.link = first_link(vehicle.vehicle_fixture);
                v.link["vin"] = vehicle.vin;
                json::object& details = object_member(v.link, "vehicleDetails");
                details["vin"] = vehicle.vin;
                json::object& model = object_member(details, "model");
                if (string_member(&model, "code") != vehicle.model_code)
                    model["code"] = vehicle.model_code;
                links.push_back(v.link);
                a.vehicles.push_back(std::move(v));
            }
            a.vehicles_body = to_json_text(json::object{
                {"accountId", account.account_id}, {"country", account.country}, {"vehicleLinks", std::move(links)}});
            user.accounts.push_back(std::move(a));
        }
        user.person_body = to_json_text(person_body(config));
        return user;
    }

    json::object first_link(const std::string& fixture)
    {
        const json::value* body = fixtures_.json(fixture);
        if (body && body->is_object())
            if (const json::value* links = body->get_object().if_contains("vehicleLinks"))
                if (links->is_array() && !links->get_array().empty() && links->get_array()[0].is_object())
                    return links->get_array()[0].get_object();
        return {};
    }

    /// The person fixture with this user's person id and accounts (entries of the fixture kept
    /// when their accountId matches, so that their other members stay).
    json::object person_body(const user_config& config)
    {
        json::object person;
        if (const json::value* fixture = fixtures_.json(config.person_fixture); fixture && fixture->is_object())
            person = fixture->get_object();
        const json::array* known = nullptr;
        if (const json::value* a = person.if_contains("accounts"); a && a->is_array())
            known = &a->get_array();
        json::array accounts;
        for (const auto& account : config.accounts) {
            json::object entry;
            if (known)
                for (const auto& k : *known)
                    if (k.is_object() && string_member(&k.get_object(), "accountId") == account.account_id)
                        entry = k.get_object();
            if (entry.empty())
                entry = json::object{{"accountId", account.account_id},
                                     {"accountType", account.account_type},
                                     {"accountStatus", "ACTIVE"},
                                     {"country", account.country},
                                     {"relationType", "OWNER"}};
            entry["accountType"] = account.account_type;
            entry["personId"] = config.person_id;
            accounts.push_back(std::move(entry));
        }
        person["personId"] = config.person_id;
        person["accounts"] = std::move(accounts);
        return person;
    }

    // ---- routing --------------------------------------------------------------------------------

    route find_route(const std::string& method, std::string_view path, const std::string& body) const
    {
        std::vector<route> candidates;
        const auto segments = split_path(path);
        for (const auto& t : templates_) {
            const endpoint_info* def = t.def;
            route r;
            if (!match_template(t, segments, r))
                continue;
            if (def->base == endpoint_base::gigya) {
                r.where = route::area::gigya;
                r.def = def;
                r.gigya_method = std::string(path.substr(1));
                return r; // Gigya takes GET and POST alike
            }
            const bool method_ok = (def->method == http_method::get && method == "GET") ||
                                   (def->method == http_method::post && method == "POST");
            if (!method_ok)
                continue;
            r.where = route::area::kamereon;
            r.def = def;
            candidates.push_back(std::move(r));
        }
        if (candidates.empty()) {
            route r;
            if (path.starts_with("/accounts.")) { // an unknown Gigya method
                r.where = route::area::gigya;
                r.gigya_method = std::string(path.substr(1));
            }
            return r;
        }
        if (candidates.size() == 1)
            return candidates.front();

        boost::system::error_code ec;
        const json::value parsed = json::parse(body, ec);
        const json::object* data = ec ? nullptr : object_at(parsed, "data");
        const json::object* attributes = data ? [&]() -> const json::object* {
            const json::value* a = data->if_contains("attributes");
            return a && a->is_object() ? &a->get_object() : nullptr;
        }() : nullptr;
        for (const auto& c : candidates)
            for (const auto& d : discriminators)
                if (d.key == c.def->key && word_in(d.values, string_member(attributes, d.member)))
                    return c;
        return candidates.front();
    }

    // ---- faults ---------------------------------------------------------------------------------

    static bool selects(const fault_config& f, const route& r)
    {
        if (!f.vin.empty() && f.vin != r.vin)
            return false;
        for (const auto& s : f.endpoints) {
            if (s == "all")
                return true;
            if ((s == "*" || s == "kamereon") && r.where == route::area::kamereon)
                return true;
            if (s == "gigya" && r.where == route::area::gigya)
                return true;
            if (r.def && (s == r.def->key || s == r.def->applies_to))
                return true;
            if (r.where == route::area::gigya && s == r.gigya_method)
                return true;
        }
        return false;
    }

    static bool fires(fault_state& f)
    {
        const fault_config& c = *f.config;
        ++f.seen;
        if (f.seen <= c.after || (f.seen - c.after) % c.every != 0)
            return false;
        if (c.times >= 0 && f.fired >= c.times)
            return false;
        ++f.fired;
        return true;
    }

    /// The first fault of one of `kinds` that selects the request and fires now.
    fault_state* fire(const route& r, std::initializer_list<fault_kind> kinds)
    {
        for (auto& f : faults_)
            if (std::find(kinds.begin(), kinds.end(), f.config->kind) != kinds.end() && selects(*f.config, r) && fires(f))
                return &f;
        return nullptr;
    }

    void apply_latency(const route& r, reply& out)
    {
        long total = 0;
        for (auto& f : faults_)
            if (f.config->kind == fault_kind::latency && selects(*f.config, r) && fires(f))
                total += f.config->ms;
        out.delay = std::chrono::milliseconds(total);
    }

    /// Faults that replace the answer before the servers do anything.
    bool apply_gateway_faults(const route& r, reply& out)
    {
        if (fault_state* f = fire(r, {fault_kind::html_502, fault_kind::error})) {
            answer_fixture(out, f->config->answer);
            if (f->config->kind == fault_kind::html_502)
                out.content_type = "text/html";
            out.fault = f->config->kind == fault_kind::html_502 ? "html_502" : "error";
            return true;
        }
        return false;
    }

    bool apply_quota(const route& r, reply& out)
    {
        const auto now = steady_clock::now();
        for (auto& f : faults_) {
            const fault_config& c = *f.config;
            if (c.kind != fault_kind::quota || !selects(c, r))
                continue;
            const auto window = std::chrono::duration_cast<steady_clock::duration>(std::chrono::duration<double>(c.window_seconds));
            if (f.window_start == steady_clock::time_point{} || now - f.window_start >= window) {
                f.window_start = now;
                f.in_window = 0;
            }
            if (f.in_window >= c.limit) {
                const double left = std::chrono::duration<double>(f.window_start + window - now).count();
                answer_fixture(out, c.answer);
                out.headers.emplace_back("Retry-After", std::to_string(static_cast<long>(std::ceil(std::max(left, 0.0)))));
                out.fault = "quota";
                ++f.fired;
                return true;
            }
            ++f.in_window;
        }
        return false;
    }

    /// Faults of the transport, applied to the answer the servers gave.
    void apply_transport_faults(const route& r, reply& out)
    {
        if (fault_state* f = fire(r, {fault_kind::drop_connection, fault_kind::truncated_body})) {
            if (f->config->kind == fault_kind::drop_connection) {
                out.drop_mid_body = true;
                out.fault = "drop_connection";
            } else {
                answer_fixture(out, f->config->answer);
                out.content_type = out.gigya ? std::string(gigya_json) : std::string(kamereon_json);
                out.fault = "truncated_body";
            }
        }
    }

    // ---- answers --------------------------------------------------------------------------------

    void answer_fixture(reply& out, const error_answer& answer)
    {
        out.status = answer.status;
        if (const std::string* text = fixtures_.text(answer.fixture)) {
            out.body = *text;
        } else {
            out.status = 500;
            out.content_type = "text/plain";
            out.body = "renault-mock: fixture " + answer.fixture + " not found\n";
        }
    }

    json::value fixture_value(const std::string& path)
    {
        const json::value* v = fixtures_.json(path);
        return v ? *v : json::value(json::object());
    }

    // ---- Gigya ----------------------------------------------------------------------------------

    void gigya(const route& r, const incoming& in, const http::query_params& query, reply& out)
    {
        out.content_type = std::string(gigya_json);
        http::query_params params = query;
        if (!in.body.empty()) {
            for (auto& field : http::parse_query(in.body)) {
                out.form_fields.push_back(field.first);
                params.push_back(std::move(field));
            }
        }
        auto param = [&](std::string_view name) -> std::string {
            for (const auto& [n, v] : params)
                if (n == name)
                    return v;
            return {};
        };

        if (apply_gateway_faults(r, out))
            return;
        if (!r.def) {
            out.status = 404;
            out.body = gigya_error(400096, "Invalid method", "Unknown method " + r.gigya_method, 404, "Not Found");
            return;
        }
        std::string api_key;
        for (const auto& [n, v] : params)
            if (lowercase(n) == "apikey")
                api_key = v;
        if (std::find(scenario_.gigya_api_keys.begin(), scenario_.gigya_api_keys.end(), api_key) ==
            scenario_.gigya_api_keys.end()) {
            out.auth = api_key.empty() ? "gigya_api_key_missing" : "gigya_api_key_wrong";
            out.body = gigya_error(400093, "Invalid ApiKey parameter", "Invalid ApiKey parameter", 400, "Bad Request");
            return;
        }

        const std::string_view key = r.def->key;
        if (key == "gigya/login")
            return gigya_login(param("loginID"), param("password"), out);
        if (key == "gigya/account-info" || key == "gigya/jwt") {
            user_state* user = user_by_token(param("login_token"));
            if (!user) {
                out.auth = "login_token_invalid";
                answer_fixture(out, {"gigya/error/get_jwt.403005.json", 200});
                return;
            }
            if (fault_state* f = fire(r, {fault_kind::login_token_expired})) {
                answer_fixture(out, f->config->answer);
                out.fault = "login_token_expired";
                return;
            }
            json::value body = fixture_value(key == "gigya/jwt" ? "gigya/get_jwt.json" : "gigya/get_account_info.json");
            if (key == "gigya/jwt")
                body.as_object()["id_token"] = mint_jwt(*user, api_key);
            else
                object_member(body.as_object(), "data")["personId"] = user->config->person_id;
            out.body = to_json_text(body);
            return;
        }
        two_factor_step(key, param, out);
    }

    void gigya_login(const std::string& login, const std::string& password, reply& out)
    {
        user_state* user = nullptr;
        for (auto& u : users_)
            if (u.config->login == login && u.config->password == password)
                user = &u;
        if (!user) {
            out.auth = "wrong_login_or_password";
            answer_fixture(out, {"gigya/error/login.403042.json", 200});
            return;
        }
        if (user->config->two_factor.enabled && !user->two_factor_passed) {
            pending_login p;
            p.user = user;
            p.reg_token = "reg-" + tokens_.hex(32);
            json::value body = fixture_value("gigya/error/login.403101.json");
            body.as_object()["regToken"] = p.reg_token;
            pending_.push_back(std::move(p));
            if (pending_.size() > 64) // forget abandoned logins
                pending_.erase(pending_.begin());
            out.body = to_json_text(body);
            return;
        }
        user->two_factor_passed = false;
        out.body = login_answer(*user, "gigya/login.json");
    }

    std::string login_answer(const user_state& user, const std::string& fixture)
    {
        json::value body = fixture_value(fixture);
        object_member(body.as_object(), "sessionInfo")["cookieValue"] = user.config->login_token;
        return to_json_text(body);
    }

    template <class Param>
    void two_factor_step(std::string_view key, Param& param, reply& out)
    {
        auto invalid = [&](std::string_view name) {
            out.body = gigya_error(400006, "Invalid parameter value", "Invalid parameter value: " + std::string(name), 400,
                                   "Bad Request");
        };
        if (key == "gigya/web-sdk-bootstrap") {
            out.body = to_json_text(fixture_value("gigya/tfa/web_sdk_bootstrap.json"));
            out.headers.emplace_back("Set-Cookie", "gmid=gmid-" + tokens_.hex(32) + "; Path=/; HttpOnly");
            return;
        }
        if (key == "gigya/tfa-init") {
            pending_login* p = pending_by([&](const pending_login& l) { return l.reg_token == param("regToken"); });
            if (!p)
                return invalid("regToken");
            if (param("provider") != "gigyaEmail")
                return invalid("provider");
            p->gigya_assertion = "assertion-" + tokens_.hex(32);
            json::value body = fixture_value("gigya/tfa/init_tfa.json");
            body.as_object()["gigyaAssertion"] = p->gigya_assertion;
            out.body = to_json_text(body);
            return;
        }
        pending_login* p = pending_by([&](const pending_login& l) {
            return !l.gigya_assertion.empty() && l.gigya_assertion == param("gigyaAssertion");
        });
        if (key == "gigya/finalize-registration") {
            p = pending_by([&](const pending_login& l) { return l.reg_token == param("regToken"); });
            if (!p || !p->finalized)
                return invalid("regToken");
            user_state* user = p->user;
            user->two_factor_passed = false;
            erase_pending(p);
            out.body = login_answer(*user, "gigya/tfa/finalize_registration.json");
            return;
        }
        if (!p)
            return invalid("gigyaAssertion");
        if (key == "gigya/tfa-emails") {
            out.body = to_json_text(fixture_value("gigya/tfa/get_emails.json"));
            return;
        }
        if (key == "gigya/tfa-send-code") {
            bool known = false;
            const json::value emails = fixture_value("gigya/tfa/get_emails.json");
            if (const json::value* list = emails.as_object().if_contains("emails"); list && list->is_array())
                for (const auto& e : list->get_array())
                    known = known || (e.is_object() && string_member(&e.get_object(), "id") == param("emailID"));
            if (!known)
                return invalid("emailID");
            p->phv_token = "phv-" + tokens_.hex(32);
            json::value body = fixture_value("gigya/tfa/send_verification_code.json");
            body.as_object()["phvToken"] = p->phv_token;
            out.body = to_json_text(body);
            return;
        }
        if (key == "gigya/tfa-complete") {
            if (p->phv_token.empty() || param("phvToken") != p->phv_token)
                return invalid("phvToken");
            const auto& settings = p->user->config->two_factor;
            if (p->wrong_codes >= settings.max_wrong_codes) {
                out.auth = "two_factor_too_many_attempts";
                answer_fixture(out, {"gigya/error/complete_verification.too_many_attempts.json", 200});
                return;
            }
            if (param("code") != settings.code) {
                ++p->wrong_codes;
                out.auth = "two_factor_wrong_code";
                answer_fixture(out, {"gigya/error/complete_verification.wrong_code.json", 200});
                return;
            }
            p->verified = true;
            p->provider_assertion = "provider-" + tokens_.hex(32);
            json::value body = fixture_value("gigya/tfa/complete_verification.json");
            body.as_object()["providerAssertion"] = p->provider_assertion;
            out.body = to_json_text(body);
            return;
        }
        if (key == "gigya/tfa-finalize") {
            if (!p->verified || param("providerAssertion") != p->provider_assertion)
                return invalid("providerAssertion");
            if (param("regToken") != p->reg_token)
                return invalid("regToken");
            p->finalized = true;
            p->user->two_factor_passed = true;
            out.body = to_json_text(fixture_value("gigya/tfa/finalize_tfa.json"));
            return;
        }
        invalid("method");
    }

    template <class Pred>
    pending_login* pending_by(Pred pred)
    {
        for (auto& p : pending_)
            if (pred(p))
                return &p;
        return nullptr;
    }

    void erase_pending(pending_login* p)
    {
        pending_.erase(pending_.begin() + (p - pending_.data()));
    }

    user_state* user_by_token(const std::string& token)
    {
        if (token.empty())
            return nullptr;
        for (auto& u : users_)
            if (u.config->login_token == token)
                return &u;
        return nullptr;
    }

    std::string mint_jwt(const user_state& user, const std::string& api_key)
    {
        const std::int64_t now = unix_seconds();
        const json::object claims{
            {"iss", "https://fidm.gigya.com/jwt/" + api_key + "/"},
            {"apiKey", api_key},
            {"iat", now},
            {"exp", now + scenario_.jwt_lifetime_seconds},
            {"sub", "UID"},
            {"data.personId", user.config->person_id},
            {"data.gigyaDataCenter", "eu1"},
            {"jti", tokens_.hex(16)},
        };
        return jwt_.sign(claims);
    }

    // ---- Kamereon -------------------------------------------------------------------------------

    void kamereon(const route& r, const incoming& in, const http::query_params& query, reply& out)
    {
        out.content_type = std::string(kamereon_json);
        const std::string* api_key = in.header("apikey");
        if (!api_key || std::find(scenario_.kamereon_api_keys.begin(), scenario_.kamereon_api_keys.end(), *api_key) ==
                            scenario_.kamereon_api_keys.end()) {
            out.auth = api_key ? "apikey_wrong" : "apikey_missing";
            answer_fixture(out, {"kamereon/error/access_denied.json", 403});
            return;
        }
        user_state* user = authenticate(in.header("x-gigya-id_token"), out);
        if (!user) {
            answer_fixture(out, {"kamereon/error/unauthorized.json", 401});
            return;
        }
        if (fault_state* f = fire(r, {fault_kind::reject_jwt_once})) {
            answer_fixture(out, f->config->answer);
            out.fault = "reject_jwt_once";
            return;
        }
        if (apply_quota(r, out) || apply_gateway_faults(r, out))
            return;

        std::string country;
        for (const auto& [n, v] : query)
            if (n == "country")
                country = v;
        if (country.empty()) {
            out.status = 400;
            out.body = kamereon_invalid_input("parameter", "country", "must not be empty");
            return;
        }

        const std::string_view key = r.def->key;
        const error_answer denied{"kamereon/error/access_denied.json", 403};
        if (key == "person") {
            if (r.person_id != user->config->person_id)
                return answer_fixture(out, denied);
            out.body = user->person_body;
            return;
        }
        account_state* account = nullptr;
        for (auto& a : user->accounts)
            if (a.config->account_id == r.account_id)
                account = &a;
        if (!account)
            return answer_fixture(out, denied);
        if (key == "vehicles") {
            out.body = account->vehicles_body;
            return;
        }
        vehicle_state* vehicle = nullptr;
        for (auto& v : account->vehicles)
            if (v.config->vin == r.vin)
                vehicle = &v;
        if (!vehicle)
            return answer_fixture(out, denied);

        if (const error_answer* e = configured_error(*vehicle, *r.def)) {
            answer_fixture(out, *e);
            out.note = "scenario_error";
            return;
        }
        if (!available(vehicle->config->model_code, *r.def)) {
            answer_fixture(out, unavailable_answer(*r.def));
            out.note = "not_available";
            return;
        }
        if (r.def->kind == endpoint_kind::read)
            serve_read(*vehicle, *r.def, query, out);
        else
            serve_action(*vehicle, *r.def, in.body, out);
    }

    user_state* authenticate(const std::string* token, reply& out)
    {
        if (!token || token->empty()) {
            out.auth = "jwt_missing";
            return nullptr;
        }
        json::object claims;
        switch (jwt_.verify(*token, claims)) {
        case jwt_signer::verdict::valid: break;
        case jwt_signer::verdict::expired: out.auth = "jwt_expired"; return nullptr;
        case jwt_signer::verdict::bad_signature: out.auth = "jwt_bad_signature"; return nullptr;
        case jwt_signer::verdict::malformed: out.auth = "jwt_malformed"; return nullptr;
        }
        const std::string person = string_member(&claims, "data.personId");
        for (auto& u : users_)
            if (u.config->person_id == person)
                return &u;
        out.auth = "jwt_unknown_person";
        return nullptr;
    }

    const error_answer* configured_error(const vehicle_state& v, const endpoint_info& def) const
    {
        for (const auto* errors : {&v.config->errors, &scenario_.errors}) {
            if (auto it = errors->find(std::string(def.key)); it != errors->end())
                return &it->second;
            if (auto it = errors->find(std::string(def.applies_to)); it != errors->end())
                return &it->second;
        }
        return nullptr;
    }

    /// The per-model table of the schema (RENAULT_API.md §5.4): a definition is available when
    /// the model resolves its key to a definition of the same path. Endpoints outside the table
    /// (person, vehicles, details, contracts, car adapter) are always available.
    static bool available(std::string_view model_code, const endpoint_info& def)
    {
        const endpoint_resolution res = resolve_endpoint(model_code, def.applies_to);
        if (res.lookup == endpoint_lookup::unknown_key)
            return true;
        return res.definition && res.definition->path == def.path;
    }

    const error_answer& unavailable_answer(const endpoint_info& def) const
    {
        for (const auto key : {def.key, def.applies_to})
            if (auto it = scenario_.unavailable.find(std::string(key)); it != scenario_.unavailable.end())
                return it->second;
        return def.kind == endpoint_kind::action ? scenario_.unavailable_action : scenario_.unavailable_read;
    }

    /// The fixture a vehicle serves for a read: the scenario's, else the history variant asked
    /// for, else the model's default, else the endpoint's sample.
    std::string read_fixture(const vehicle_state& v, const endpoint_info& def, std::string_view type = {})
    {
        const auto& configured = v.config->fixtures;
        if (auto it = configured.find(std::string(def.key)); it != configured.end())
            return it->second;
        if (auto it = configured.find(std::string(def.applies_to)); it != configured.end())
            return it->second;
        if (!type.empty()) {
            const std::string variant = "kamereon/vehicle_data/" + std::string(def.file_name) + "." + std::string(type) + ".json";
            if (fixtures_.exists(variant))
                return variant;
        }
        if (const auto model_default = default_fixture(v.config->model_code, def.key); !model_default.empty())
            return std::string(model_default);
        return std::string(def.sample);
    }

    /// Puts the vehicle's VIN where a fixture names a vehicle (data.id, data.attributes.vin).
    static bool adopt_vin(json::value& body, const std::string& vin)
    {
        bool changed = false;
        if (!body.is_object())
            return false;
        json::value* data = body.get_object().if_contains("data");
        if (!data || !data->is_object())
            return false;
        json::object& d = data->get_object();
        if (const json::value* id = d.if_contains("id"); id && id->is_string() && id->get_string() != vin) {
            d["id"] = vin;
            changed = true;
        }
        if (json::value* attributes = d.if_contains("attributes"); attributes && attributes->is_object())
            if (const json::value* own = attributes->get_object().if_contains("vin"); own && own->is_string() && own->get_string() != vin) {
                attributes->get_object()["vin"] = vin;
                changed = true;
            }
        return changed;
    }

    /// The body of a read as actions left it, loaded from its fixture the first time.
    json::value& state_body(vehicle_state& v, std::string_view read_key)
    {
        const std::string key(read_key);
        if (auto it = v.bodies.find(key); it != v.bodies.end())
            return it->second;
        json::value body(json::object{});
        if (const endpoint_info* def = find_definition(read_key))
            if (const json::value* fixture = fixtures_.json(read_fixture(v, *def)))
                body = *fixture;
        adopt_vin(body, v.config->vin);
        return v.bodies.emplace(key, std::move(body)).first->second;
    }

    void serve_read(vehicle_state& v, const endpoint_info& def, const http::query_params& query, reply& out)
    {
        if (def.key == "vehicle-details") {
            const json::value* details = v.link.if_contains("vehicleDetails");
            out.body = details ? to_json_text(*details) : std::string("{}");
            return;
        }
        std::string type;
        for (const auto& p : def.query) {
            if (p.has_value)
                continue;
            std::string value;
            for (const auto& [n, val] : query)
                if (n == p.name)
                    value = val;
            if (value.empty()) {
                out.status = 400;
                out.body = kamereon_invalid_input("parameter", p.name, "must not be empty");
                return;
            }
            if (p.name == "type") {
                if (value != "day" && value != "month") {
                    out.status = 400;
                    out.body = kamereon_invalid_input("parameter", "type", "must be day or month");
                    return;
                }
                type = value;
            }
        }
        if (auto it = v.bodies.find(std::string(def.key)); it != v.bodies.end()) {
            out.body = to_json_text(it->second);
            return;
        }
        const std::string fixture = read_fixture(v, def, type);
        const std::string* text = fixture.empty() ? nullptr : fixtures_.text(fixture);
        if (!text) {
            answer_fixture(out, scenario_.unavailable_read);
            return;
        }
        if (const json::value* parsed = fixtures_.json(fixture)) {
            json::value copy = *parsed;
            if (adopt_vin(copy, v.config->vin)) {
                out.body = to_json_text(copy);
                return;
            }
        }
        out.body = *text; // the fixture's own bytes
    }

    void serve_action(vehicle_state& v, const endpoint_info& def, const std::string& body_text, reply& out)
    {
        auto reject = [&](std::string_view pointer, std::string_view detail) {
            out.status = 400;
            out.body = kamereon_invalid_input("pointer", pointer, detail);
        };
        boost::system::error_code ec;
        json::value body = json::parse(body_text, ec);
        if (ec || !body.is_object())
            return reject("/", "must be a JSON object");

        if (def.request_shape == body_shape::flat) {
            if (def.key == "actions/soc-levels") {
                const json::object& o = body.get_object();
                for (const auto name : {"socMin", "socTarget"}) {
                    const json::value* n = o.if_contains(name);
                    if (!n || !n->is_number())
                        return reject(std::string("/") + name, "must be a number");
                }
                json::object& levels = state_body(v, "soc-levels").as_object();
                levels["socMin"] = o.at("socMin");
                levels["socTarget"] = o.at("socTarget");
                levels["lastEnergyUpdateTimestamp"] = iso_time(system_clock::now()).substr(0, 19) + "Z";
                const auto& configured = v.config->fixtures;
                const auto it = configured.find(std::string(def.key));
                answer_fixture(out, {it != configured.end() ? it->second : std::string(def.sample), 200});
                return;
            }
            // KCM ev/settings: the settings posted become the settings read; the answer echoes them.
            state_body(v, "charge-schedule-via-settings") = body;
            out.body = to_json_text(body);
            return;
        }

        const json::object* data = object_at(body, "data");
        if (!data)
            return reject("/data", "must be an object");
        const std::string type = string_member(data, "type");
        if (!def.request_type.empty() && type != def.request_type)
            return reject("/data/type", "must be " + std::string(def.request_type));
        const json::value* attributes = data->if_contains("attributes");
        if (attributes && !attributes->is_object())
            return reject("/data/attributes", "must be an object");
        const json::object* attrs = attributes ? &attributes->get_object() : nullptr;
        if ((def.key == "actions/charge-set-mode" || def.key == "actions/hvac-start") && string_member(attrs, "action").empty())
            return reject("/data/attributes/action", "must not be empty");
        if ((def.key == "actions/charge-set-schedule" || def.key == "actions/hvac-set-schedule") &&
            (!attrs || !attrs->contains("schedules") || !attrs->at("schedules").is_array()))
            return reject("/data/attributes/schedules", "must be an array");

        change_state(v, def.key, attrs);

        json::object echo{{"type", type}, {"id", tokens_.uuid()}};
        if (attrs)
            echo["attributes"] = *attrs;
        out.body = to_json_text(json::object{{"data", std::move(echo)}});
    }

    /// What an action changes in the reads of the vehicle.
    void change_state(vehicle_state& v, std::string_view key, const json::object* attrs)
    {
        if (key == "actions/charge-set-mode") {
            attributes_of(state_body(v, "charge-mode"))["chargeMode"] = string_member(attrs, "action");
        } else if (key == "actions/hvac-start") {
            json::object& status = attributes_of(state_body(v, "hvac-status"));
            status["hvacStatus"] = "on";
            if (const std::string at = string_member(attrs, "startDateTime"); !at.empty())
                status["nextHvacStartDate"] = at;
        } else if (key == "actions/hvac-stop") {
            attributes_of(state_body(v, "hvac-status"))["hvacStatus"] = "off";
        } else if (key == "actions/charge-set-schedule") {
            attributes_of(state_body(v, "charging-settings"))["schedules"] = attrs->at("schedules");
        } else if (key == "actions/hvac-set-schedule") {
            attributes_of(state_body(v, "hvac-settings"))["schedules"] = attrs->at("schedules");
        }
    }

    scenario scenario_;
    fixture_store& fixtures_;
    std::vector<path_template> templates_;
    std::vector<user_state> users_;
    std::vector<pending_login> pending_;
    std::vector<fault_state> faults_;
    jwt_signer jwt_;
    token_source tokens_;
};

// -------------------------------------------------------------------------------------------------
// Request log: one JSON line per request, without header values, form values or Gigya query values

class request_log {
public:
    request_log() = default;
    request_log(const request_log&) = delete;
    request_log& operator=(const request_log&) = delete;
    ~request_log()
    {
        if (out_ && out_ != stdout)
            std::fclose(out_);
    }

    bool open(const std::string& path)
    {
        out_ = path.empty() ? stdout : std::fopen(path.c_str(), "a");
        return out_ != nullptr;
    }

    void write(const incoming& in, const reply& r)
    {
        const auto url = http::split_url(in.target);
        json::object query;
        for (const auto& [name, value] : http::parse_query(url.query))
            query[name] = r.gigya ? json::value("***") : json::value(value);
        json::array headers;
        for (const auto& [name, value] : in.headers)
            if (std::find(headers.begin(), headers.end(), json::value(name)) == headers.end())
                headers.emplace_back(name);
        std::sort(headers.begin(), headers.end(),
                  [](const json::value& a, const json::value& b) { return a.get_string() < b.get_string(); });
        json::object line{
            {"time", iso_time(system_clock::now())},
            {"method", in.method},
            {"path", url.path},
            {"query", std::move(query)},
            {"headers_present", std::move(headers)},
            {"status", r.status},
            {"endpoint", r.endpoint.empty() ? json::value(nullptr) : json::value(r.endpoint)},
            {"fault", r.fault.empty() ? json::value(nullptr) : json::value(r.fault)},
        };
        if (!r.form_fields.empty()) {
            json::array fields;
            for (const auto& f : r.form_fields)
                fields.emplace_back(f);
            line["form_fields"] = std::move(fields);
        }
        if (!r.auth.empty())
            line["auth"] = r.auth;
        if (!r.note.empty())
            line["answer"] = r.note;
        if (r.delay.count() > 0)
            line["latency_ms"] = r.delay.count();
        line["bytes"] = r.body.size();
        const std::string text = json::serialize(line) + "\n";
        std::fputs(text.c_str(), out_);
        std::fflush(out_);
    }

private:
    std::FILE* out_ = nullptr;
};

// -------------------------------------------------------------------------------------------------
// Transport (Boost.Beast)

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

constexpr auto idle_timeout = std::chrono::seconds(30);
constexpr auto io_timeout = std::chrono::seconds(30);
constexpr std::size_t max_body = 1 << 20;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct server_context {
    mock_api& api;
    request_log& log;
};

enum class ending { close, drop };

incoming to_incoming(const bhttp::request<bhttp::string_body>& req)
{
    incoming in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& field : req)
        in.headers.emplace_back(lowercase(field.name_string()), std::string(field.value()));
    in.body = req.body();
    return in;
}

template <class Stream>
asio::awaitable<ending> serve_requests(Stream& stream, server_context& ctx)
{
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(max_body);
        beast::get_lowest_layer(stream).expires_after(idle_timeout);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple_awaitable);
        if (ec)
            co_return ending::close;
        if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
            auto [wec, wn] = co_await bhttp::async_write(stream, go_on, as_tuple_awaitable);
            if (wec)
                co_return ending::close;
        }
        if (!parser.is_done()) {
            auto [rec, rn] = co_await bhttp::async_read(stream, buffer, parser, as_tuple_awaitable);
            if (rec)
                co_return ending::close;
        }
        const auto& req = parser.get();
        const incoming in = to_incoming(req);
        reply r = ctx.api.handle(in);
        if (r.delay.count() > 0) {
            asio::steady_timer timer(co_await asio::this_coro::executor);
            timer.expires_after(r.delay);
            co_await timer.async_wait(as_tuple_awaitable);
        }
        ctx.log.write(in, r);
        beast::get_lowest_layer(stream).expires_after(io_timeout);

        if (r.drop_mid_body) {
            const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
            std::string raw = "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(reason) +
                              "\r\nServer: renault-mock\r\nContent-Type: " + r.content_type +
                              "\r\nContent-Length: " + std::to_string(std::max<std::size_t>(r.body.size(), 1)) +
                              "\r\nConnection: close\r\n\r\n" + r.body.substr(0, r.body.size() / 2);
            co_await asio::async_write(stream, asio::buffer(raw), as_tuple_awaitable);
            co_return ending::drop;
        }

        bhttp::response<bhttp::string_body> res;
        res.version(req.version());
        res.result(static_cast<unsigned>(r.status));
        res.set(bhttp::field::server, "renault-mock");
        res.set(bhttp::field::content_type, r.content_type);
        for (const auto& [name, value] : r.headers)
            res.insert(name, value);
        res.body() = std::move(r.body);
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, as_tuple_awaitable);
        if (wec || !res.keep_alive())
            co_return ending::close;
    }
}

asio::awaitable<void> plain_session(tcp::socket socket, server_context& ctx)
{
    beast::tcp_stream stream(std::move(socket));
    const ending how = co_await serve_requests(stream, ctx);
    beast::error_code ec;
    if (how == ending::close)
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.socket().close(ec);
}

asio::awaitable<void> tls_session(tcp::socket socket, ssl::context& tls, server_context& ctx)
{
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), tls);
    beast::get_lowest_layer(stream).expires_after(io_timeout);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, as_tuple_awaitable);
    if (!ec) {
        const ending how = co_await serve_requests(stream, ctx);
        if (how == ending::close) {
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
            co_await stream.async_shutdown(as_tuple_awaitable);
        }
    }
    beast::get_lowest_layer(stream).close();
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ssl::context* tls, server_context& ctx)
{
    const auto executor = co_await asio::this_coro::executor;
    auto ignore_exceptions = [](std::exception_ptr) {};
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(as_tuple_awaitable);
        if (ec) {
            if (!acceptor.is_open())
                co_return;
            asio::steady_timer pause(executor, std::chrono::milliseconds(50)); // e.g. out of file descriptors
            co_await pause.async_wait(as_tuple_awaitable);
            continue;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (tls)
            asio::co_spawn(executor, tls_session(std::move(socket), *tls, ctx), ignore_exceptions);
        else
            asio::co_spawn(executor, plain_session(std::move(socket), ctx), ignore_exceptions);
    }
}

} // namespace

int run_server(const server_options& options, scenario s, fixture_store& fixtures)
{
    request_log log;
    if (!log.open(options.log_file)) {
        std::fprintf(stderr, "renault-mock: cannot open the log file %s\n", options.log_file.c_str());
        return 1;
    }
    mock_api api(std::move(s), fixtures);
    server_context ctx{api, log};

    std::optional<ssl::context> tls;
    if (!options.tls_cert.empty()) {
        tls.emplace(ssl::context::tls_server);
        tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        boost::system::error_code ec;
        tls->use_certificate_chain_file(options.tls_cert, ec);
        if (ec) {
            std::fprintf(stderr, "renault-mock: cannot use the certificate %s: %s\n", options.tls_cert.c_str(),
                         ec.message().c_str());
            return 1;
        }
        tls->use_private_key_file(options.tls_key, ssl::context::pem, ec);
        if (ec) {
            std::fprintf(stderr, "renault-mock: cannot use the private key %s: %s\n", options.tls_key.c_str(),
                         ec.message().c_str());
            return 1;
        }
    }

    asio::io_context ioc(1);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
    if (ec) {
        std::fprintf(stderr, "renault-mock: --host %s is not an IP address\n", options.host.c_str());
        return 1;
    }
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        std::fprintf(stderr, "renault-mock: cannot listen on %s port %u: %s\n", options.host.c_str(),
                     static_cast<unsigned>(options.port), ec.message().c_str());
        return 1;
    }

    const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    std::printf("listening on %s://%s:%u\n", tls ? "https" : "http", host.c_str(),
                static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        beast::error_code ignored;
        acceptor.close(ignored);
        ioc.stop();
    });
    asio::co_spawn(ioc, accept_loop(acceptor, tls ? &*tls : nullptr, ctx), [](std::exception_ptr) {});
    ioc.run();
    return 0;
}

} // namespace renault::mock
