// renault-mock: which endpoint a request is for (the paths of the schema, with their
// placeholders; actions sharing a path told apart by their body), the faults of the scenario that
// select it, and mock_api::handle, which sends it to the Gigya or Kamereon side.
#include "api.hpp"

#include <boost/json/parse.hpp>

#include <cmath>

namespace renault::mock {
namespace {

using steady_clock = std::chrono::steady_clock;

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

bool selects(const fault_config& f, const route& r)
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

bool fires(fault_state& f)
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

} // namespace

mock_api::mock_api(scenario s, fixture_store& fixtures) : scenario_(std::move(s)), fixtures_(fixtures)
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

reply mock_api::handle(const incoming& in)
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

route mock_api::find_route(const std::string& method, std::string_view path, const std::string& body) const
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

fault_state* mock_api::fire(const route& r, std::initializer_list<fault_kind> kinds)
{
    for (auto& f : faults_)
        if (std::find(kinds.begin(), kinds.end(), f.config->kind) != kinds.end() && selects(*f.config, r) && fires(f))
            return &f;
    return nullptr;
}

void mock_api::apply_latency(const route& r, reply& out)
{
    long total = 0;
    for (auto& f : faults_)
        if (f.config->kind == fault_kind::latency && selects(*f.config, r) && fires(f))
            total += f.config->ms;
    out.delay = std::chrono::milliseconds(total);
}

bool mock_api::apply_gateway_faults(const route& r, reply& out)
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

bool mock_api::apply_quota(const route& r, reply& out)
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

void mock_api::apply_transport_faults(const route& r, reply& out)
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

void mock_api::answer_fixture(reply& out, const error_answer& answer)
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

json::value mock_api::fixture_value(const std::string& path)
{
    const json::value* v = fixtures_.json(path);
    return v ? *v : json::value(json::object());
}

} // namespace renault::mock
