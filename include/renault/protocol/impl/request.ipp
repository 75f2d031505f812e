// The definitions of protocol/request.hpp. Included by that header in the header-only mode,
// compiled once by <renault/src.hpp>.
#pragma once

#include <renault/http/url.hpp>
#include <renault/protocol/request.hpp>

namespace renault::protocol {

RENAULT_DECL std::string full_endpoint(const endpoint_info& endpoint)
{
    switch (endpoint.base) {
    case endpoint_base::kamereon: return std::string(account_endpoint_root) + std::string(endpoint.path);
    case endpoint_base::commerce: return "/commerce/v1" + std::string(endpoint.path);
    case endpoint_base::gigya: break;
    }
    return std::string(endpoint.path);
}

RENAULT_DECL std::string expand_path(std::string_view path, std::string_view account_id, std::string_view vin,
                                     std::string_view person_id)
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

RENAULT_DECL std::string endpoint_url(const endpoint_info& endpoint, std::string_view root_url,
                                      std::string_view account_id, std::string_view vin, std::string_view person_id)
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

RENAULT_DECL std::string with_query(std::string url, const params& query)
{
    if (query.empty())
        return url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += http::build_query(query);
    return url;
}

RENAULT_DECL http::headers kamereon_headers(const kamereon_target& target)
{
    return {
        {"Content-type", "application/vnd.api+json"},
        {"apikey", target.api_key},
        {"x-gigya-id_token", target.jwt},
    };
}

RENAULT_DECL params endpoint_query(const endpoint_info& endpoint, const kamereon_target& target, const params& values)
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

RENAULT_DECL http::request kamereon_request(const endpoint_info& endpoint, const kamereon_target& target,
                                            const params& query_values, std::string body)
{
    http::request req;
    req.method = endpoint.method;
    req.url = with_query(endpoint_url(endpoint, target.root_url, target.account_id, target.vin, target.person_id),
                         endpoint_query(endpoint, target, query_values));
    req.headers = kamereon_headers(target);
    req.body = std::move(body);
    return req;
}

RENAULT_DECL http::request kamereon_raw_request(http::method method, std::string_view path,
                                                const kamereon_target& target, std::string body)
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

RENAULT_DECL http::request gigya_request(const endpoint_info& endpoint, std::string_view gigya_root_url,
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
