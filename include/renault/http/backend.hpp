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

namespace detail {
/// `response send(const request&, boost::system::error_code&)` can be called with an lvalue code.
template <class B>
concept has_send = requires(B& backend, const request& req, boost::system::error_code& ec) {
    { backend.send(req, ec) } -> std::same_as<response>;
};
/// `send` also accepts a temporary code: it takes the code by value (or const&, or &&), so a
/// failure it reports never reaches the caller's code.
template <class B>
concept send_accepts_temporary_error_code = requires(B& backend, const request& req) {
    backend.send(req, boost::system::error_code{});
};
} // namespace detail

/// A synchronous backend: `send` performs one request and returns the response; failures are
/// reported through `ec` (errc::transport_error, tls_error, timeout, response_too_large, url_refused, or the
/// backend's own codes), never by throwing. Any HTTP status is a response, not an error; an
/// answer that is not HTTP should be errc::invalid_response. A backend should end the exchange
/// with errc::timeout after `req.timeout` when it is positive (the client's operation deadline),
/// and should not repeat a POST on its own. `ec` must be taken as `boost::system::error_code&`: a `send` that takes it by value (or by
/// const reference) would drop every transport error, and is rejected.
/// (The requirement on `send` is spelled out here rather than through detail::has_send, so that the
/// compiler's message for a type without it names HttpBackend.)
template <class B>
concept HttpBackend = requires(B& backend, const request& req, boost::system::error_code& ec) {
    { backend.send(req, ec) } -> std::same_as<response>;
} && !requires(B& backend, const request& req) { backend.send(req, boost::system::error_code{}); };

/// An asynchronous backend: also `async_send(request, token)`, an Asio asynchronous operation
/// with the completion signature `void(error_code, response)`, and `get_executor()`, on which the
/// client runs its timers (retry backoff). The request is passed by value; the backend owns it.
template <class B>
concept AsyncHttpBackend = HttpBackend<B> && requires(B& backend, request req) {
    typename B::executor_type;
    { backend.get_executor() } -> std::convertible_to<typename B::executor_type>;
    backend.async_send(std::move(req), detail::send_handler_archetype{});
};

/// HttpBackend<B>, with one readable diagnostic per failed requirement instead of the compiler's
/// account of the concept: basic_client, basic_account, basic_vehicle and the runner are
/// constrained by `ClientBackend`, whose satisfaction evaluates this.
template <class B>
consteval bool assert_http_backend()
{
    static_assert(detail::has_send<B>,
                  "renault: the backend is not an HttpBackend: it needs a member "
                  "`renault::http::response send(const renault::http::request&, boost::system::error_code&)` "
                  "(docs/concepts/http_backend.md)");
    static_assert(!detail::has_send<B> || !detail::send_accepts_temporary_error_code<B>,
                  "renault: the backend is not an HttpBackend: its send must take the error code as "
                  "`boost::system::error_code&`; taken by value or const&, the transport errors it "
                  "reports would be lost (docs/concepts/http_backend.md)");
    return true; // HttpBackend<B> when both hold; a failed static_assert has already stopped the build
}

/// The constraint of the client templates (basic_client, basic_account, basic_vehicle): the same
/// as HttpBackend<B>, but a type that is not one stops the build with assert_http_backend's
/// static_assert, which names the requirement it misses.
template <class B>
concept ClientBackend = assert_http_backend<B>();

} // namespace renault::http
