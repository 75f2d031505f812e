// renault::errc and renault::condition: the error codes of the library and the groups they fall in.
// Kept apart from error.hpp so that the generated server-error table can name the codes.
#pragma once

#include <renault/generated/errc_server.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace renault {

/// Every error the library reports. Server codes carry the name of their row in
/// schema/errors.yaml; the table `server_errors` maps the code the server sends to one of them.
enum class errc {
    ok = 0,

    // Decoding a body (model layer).
    invalid_json = 1,     ///< the body is not JSON (HTML page, empty, truncated, …)
    unexpected_root,      ///< JSON, but not the object or array the body shape needs
    strict_decode_failed, ///< strict mode: the body decoded with diagnostics
    nesting_too_deep,     ///< the body nests deeper than the decoder allows
    invalid_argument,     ///< an argument is out of its documented range

    // Transport (reported by HTTP backends).
    transport_error = 20, ///< connection refused, reset, DNS failure, …
    tls_error,            ///< TLS handshake or certificate verification failed
    timeout,              ///< an operation or the overall deadline expired
    response_too_large,   ///< the body exceeds the backend's limit
    http_status,          ///< an HTTP error status with a body that says nothing more
    invalid_response,     ///< a body that is not the JSON the API sends (HTML 502 page, …)
    url_refused,          ///< not an https:// URL (http:// only where the backend allows plain HTTP)

    // Client state.
    not_authenticated = 40,   ///< no login token, or the login expired: log in again
    endpoint_not_available,   ///< the vehicle's model does not offer this endpoint
    cooling_down,             ///< a quota error was received recently; wait for the cooldown
    request_budget_exhausted, ///< the client-side request budget of the account is spent
    two_factor_required,      ///< the login needs an emailed code and no callback was given
    two_factor_wrong_code,    ///< the emailed code was wrong
    two_factor_too_many_attempts, ///< too many wrong codes: start the login again
    credential_store_corrupt, ///< the credential file is not a JSON object of strings
    credential_store_io,      ///< the credential file could not be read or written
    missing_setting,          ///< a setting (API key, root URL, country, …) is unknown
    locale_not_found,         ///< the locale is neither built in nor on Renault's configuration server

    // Kamereon codes (errors[0].errorCode), from 100: one per row of schema/errors.yaml with
    // source kamereon, named as the row (generated/errc_server.hpp).
    RENAULT_ERRC_KAMEREON_CODES
    kamereon_error, ///< a Kamereon error code that is not in the table

    // Gigya codes (errorCode), from 200: one per row with source gigya.
    RENAULT_ERRC_GIGYA_CODES
    gigya_error, ///< a Gigya error code that is not in the table
};

/// The groups of errors, for deciding what to do; compare with `ec == renault::condition::…`.
/// Each row of schema/errors.yaml names one (its `condition`).
enum class condition {
    authentication = 1, ///< log in again or refresh the token
    not_supported,      ///< the vehicle or account cannot do this
    rate_limited,       ///< back off
    transient,          ///< may work if tried again later
    bad_response,       ///< the server answered something unusable
    invalid_request,    ///< the request was wrong
};

boost::system::error_code make_error_code(errc e) noexcept;
boost::system::error_condition make_error_condition(condition c) noexcept;

} // namespace renault

template <>
struct boost::system::is_error_code_enum<renault::errc> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<renault::condition> : std::true_type {};
