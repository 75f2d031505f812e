// Building the HTTP requests of every Gigya and Kamereon endpoint from the endpoint tables
// (docs/api/authentication.md, docs/api/kamereon.md, docs/api/actions.md). Pure functions: no
// I/O, no state.
#pragma once

#include <renault/http/message.hpp>
#include <renault/http/url.hpp>
#include <renault/schema_types.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault::protocol {

using params = std::vector<std::pair<std::string, std::string>>;

/// Everything a Kamereon request needs besides the endpoint.
struct kamereon_target {
    std::string root_url;  ///< https://api-wired-prod-1-euw1.wrd-aws.com
    std::string api_key;   ///< sent as `apikey`
    std::string jwt;       ///< sent as `x-gigya-id_token`
    std::string country;   ///< always sent as the `country` query parameter
    std::string account_id;
    std::string vin;
    std::string person_id;
};

/// `{root}/commerce/v1/accounts/{account_id}/kamereon`: the prefix of every vehicle endpoint path.
inline constexpr std::string_view account_endpoint_root = "/commerce/v1/accounts/{account_id}/kamereon";

/// The path of a vehicle endpoint below the root URL, placeholders kept (the reference's
/// get_full_endpoint): `/commerce/v1/accounts/{account_id}/kamereon` + the definition's path.
inline std::string full_endpoint(const endpoint_info& endpoint)
{
    switch (endpoint.base) {
    case endpoint_base::kamereon: return std::string(account_endpoint_root) + std::string(endpoint.path);
    case endpoint_base::commerce: return "/commerce/v1" + std::string(endpoint.path);
    case endpoint_base::gigya: break;
    }
    return std::string(endpoint.path);
}

/// Replaces {account_id}, {vin} and {person_id} in a path template (values percent-encoded).
inline std::string expand_path(std::string_view path, std::string_view account_id, std::string_view vin,
                               std::string_view person_id = {})
{
    std::string out;
    out.reserve(path.size() + 32);
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '{') {
            const auto close = path.find('}', i);
            if (close != std::string_view::npos) {
                const auto name = path.substr(i + 1, close - i - 1);
                const std::string_view* value = name == "account_id" ? &account_id
                                                : name == "vin"      ? &vin
                                                : name == "person_id" ? &person_id
                                                                      : nullptr;
                if (value) {
                    out += http::percent_encode(*value);
                    i = close + 1;
                    continue;
                }
            }
        }
        out += path[i++];
    }
    return out;
}

/// The URL of an endpoint without its query: the root URL of its base plus its expanded path.
inline std::string endpoint_url(const endpoint_info& endpoint, std::string_view root_url, std::string_view account_id = {},
                                std::string_view vin = {}, std::string_view person_id = {})
{
    std::string url(root_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    switch (endpoint.base) {
    case endpoint_base::kamereon: url += account_endpoint_root; break;
    case endpoint_base::commerce: url += "/commerce/v1"; break;
    case endpoint_base::gigya: break;
    }
    url += endpoint.path;
    return expand_path(url, account_id, vin, person_id);
}

/// Appends a query string (`country` first, then `extra`) to a URL that may already have one.
inline std::string with_query(std::string url, const params& query)
{
    if (query.empty())
        return url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += http::build_query(query);
    return url;
}

/// The headers of every Kamereon request.
inline http::headers kamereon_headers(const kamereon_target& target)
{
    return {
        {"Content-type", "application/vnd.api+json"},
        {"apikey", target.api_key},
        {"x-gigya-id_token", target.jwt},
    };
}

/// The query of an endpoint: `country`, the endpoint's constant parameters, then `values` for the
/// parameters the caller gives (in the order of the schema), skipping empty values.
inline params endpoint_query(const endpoint_info& endpoint, const kamereon_target& target, const params& values = {})
{
    params query;
    query.emplace_back("country", target.country);
    for (const auto& p : endpoint.query) {
        if (p.has_value) {
            query.emplace_back(std::string(p.name), std::string(p.value));
            continue;
        }
        for (const auto& [name, value] : values)
            if (name == p.name && !value.empty())
                query.emplace_back(name, value);
    }
    return query;
}

/// A Kamereon request for an endpoint of the tables: URL, query, headers and (for actions) the body.
inline http::request kamereon_request(const endpoint_info& endpoint, const kamereon_target& target,
                                      const params& query_values = {}, std::string body = {})
{
    http::request req;
    req.method = endpoint.method;
    req.url = with_query(endpoint_url(endpoint, target.root_url, target.account_id, target.vin, target.person_id),
                         endpoint_query(endpoint, target, query_values));
    req.headers = kamereon_headers(target);
    req.body = std::move(body);
    return req;
}

/// A Kamereon request for a raw path such as `/commerce/v1/accounts/{account_id}/kamereon/…`
/// (http_get / http_post): placeholders replaced, `country` appended to any query already there.
inline http::request kamereon_raw_request(http::method method, std::string_view path, const kamereon_target& target,
                                          std::string body = {})
{
    std::string url(target.root_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    if (!path.empty() && path.front() != '/')
        url += '/';
    url += expand_path(path, target.account_id, target.vin, target.person_id);
    http::request req;
    req.method = method;
    req.url = with_query(std::move(url), {{"country", target.country}});
    req.headers = kamereon_headers(target);
    req.body = std::move(body);
    return req;
}

/// A Gigya request: POST `{gigya root}/<method>` with a form-encoded body holding the endpoint's
/// fields — constants from the schema, the others from `values` in schema order.
inline http::request gigya_request(const endpoint_info& endpoint, std::string_view gigya_root_url,
                                   const std::vector<std::string>& values)
{
    params form;
    std::size_t next = 0;
    for (const auto& field : endpoint.form) {
        if (field.has_value)
            form.emplace_back(std::string(field.name), std::string(field.value));
        else if (next < values.size())
            form.emplace_back(std::string(field.name), values[next++]);
    }
    http::request req;
    req.method = http::method::post;
    req.url = endpoint_url(endpoint, gigya_root_url);
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    req.body = http::build_query(form);
    return req;
}

} // namespace renault::protocol
