// Building the HTTP requests of every Gigya and Kamereon endpoint from the endpoint tables
// (docs/api/authentication.md, docs/api/kamereon.md, docs/api/actions.md). Pure functions: no
// I/O, no state.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/http/message.hpp>
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
RENAULT_DECL std::string full_endpoint(const endpoint_info& endpoint);

/// Replaces {account_id}, {vin} and {person_id} in a path template (values percent-encoded).
RENAULT_DECL std::string expand_path(std::string_view path, std::string_view account_id, std::string_view vin,
                                     std::string_view person_id = {});

/// The URL of an endpoint without its query: the root URL of its base plus its expanded path.
RENAULT_DECL std::string endpoint_url(const endpoint_info& endpoint, std::string_view root_url,
                                      std::string_view account_id = {}, std::string_view vin = {},
                                      std::string_view person_id = {});

/// Appends a query string (`country` first, then `extra`) to a URL that may already have one.
RENAULT_DECL std::string with_query(std::string url, const params& query);

/// The headers of every Kamereon request.
RENAULT_DECL http::headers kamereon_headers(const kamereon_target& target);

/// The query of an endpoint: `country`, the endpoint's constant parameters, then `values` for the
/// parameters the caller gives (in the order of the schema), skipping empty values.
RENAULT_DECL params endpoint_query(const endpoint_info& endpoint, const kamereon_target& target,
                                   const params& values = {});

/// A Kamereon request for an endpoint of the tables: URL, query, headers and (for actions) the body.
RENAULT_DECL http::request kamereon_request(const endpoint_info& endpoint, const kamereon_target& target,
                                            const params& query_values = {}, std::string body = {});

/// A Kamereon request for a raw path such as `/commerce/v1/accounts/{account_id}/kamereon/…`
/// (http_get / http_post): placeholders replaced, `country` appended to any query already there.
RENAULT_DECL http::request kamereon_raw_request(http::method method, std::string_view path,
                                                const kamereon_target& target, std::string body = {});

/// A Gigya request: POST `{gigya root}/<method>` with a form-encoded body holding the endpoint's
/// fields — constants from the schema, the others from `values` in schema order.
RENAULT_DECL http::request gigya_request(const endpoint_info& endpoint, std::string_view gigya_root_url,
                                         const std::vector<std::string>& values);

} // namespace renault::protocol

#if RENAULT_HEADER_ONLY
#include <renault/protocol/impl/request.ipp>
#endif
