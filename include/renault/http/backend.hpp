// The HttpBackend concept: what the client needs from an HTTP implementation
// (docs/concepts/http_backend.md).
#pragma once

#include <renault/http/message.hpp>

#include <boost/system/error_code.hpp>

#include <concepts>
#include <utility>

namespace renault::http {

/// The completion signature of `async_send`.
using send_signature = void(boost::system::error_code, response);

namespace detail {
/// A completion handler of the right signature, for checking `async_send` in the concepts.
struct send_handler_archetype {
    void operator()(boost::system::error_code, response) const {}
};
} // namespace detail

/// A synchronous backend: `send` performs one request and returns the response; failures are
/// reported through `ec` (errc::transport_error, tls_error, timeout, response_too_large, url_refused, or the
/// backend's own codes), never by throwing. Any HTTP status is a response, not an error.
template <class B>
concept HttpBackend = requires(B& backend, const request& req, boost::system::error_code& ec) {
    { backend.send(req, ec) } -> std::same_as<response>;
};

/// An asynchronous backend: also `async_send(request, token)`, an Asio asynchronous operation
/// with the completion signature `void(error_code, response)`, and `get_executor()`, on which the
/// client runs its timers (retry backoff). The request is passed by value; the backend owns it.
template <class B>
concept AsyncHttpBackend = HttpBackend<B> && requires(B& backend, request req) {
    typename B::executor_type;
    { backend.get_executor() } -> std::convertible_to<typename B::executor_type>;
    backend.async_send(std::move(req), detail::send_handler_archetype{});
};

} // namespace renault::http
