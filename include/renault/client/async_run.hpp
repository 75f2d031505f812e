// The asynchronous driver of client operations: each I/O request of a task becomes an
// AsyncHttpBackend::async_send or an Asio timer. Operations complete with
// `void(boost::system::error_code, T)`, as Asio's and Beast's own do: with use_awaitable, deferred
// (the default token) or use_future a failure throws boost::system::system_error; with a callback
// or as_tuple the code is an argument. The server's diagnostics (code, message, details) are
// reachable without exceptions through the token adapter renault::with_diagnostics.
#pragma once

#include <renault/client/task.hpp>
#include <renault/http/backend.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <exception>
#include <memory>

namespace renault {

/// The completion token of the `async_` forms when none is given: an operation that starts when
/// it is awaited (`co_await car.async_get_battery_status()` in an Asio coroutine) or invoked with
/// another token.
using default_completion_token = boost::asio::deferred_t;

/// A completion token adapter: runs the operation with `token` and fills `diagnostics` with what
/// the server said (code, message, details) when it fails — the asynchronous counterpart of the
/// `(…, error_code&, server_diagnostics&)` forms. `diagnostics` must live until completion.
///
///     renault::server_diagnostics diag;
///     auto [ec, battery] = co_await car.async_get_battery_status(
///         renault::with_diagnostics(diag, boost::asio::as_tuple(boost::asio::use_awaitable)));
template <class CompletionToken>
struct with_diagnostics_t {
    server_diagnostics* diagnostics;
    CompletionToken token;
};

template <class CompletionToken = default_completion_token>
with_diagnostics_t<std::decay_t<CompletionToken>> with_diagnostics(server_diagnostics& diagnostics,
                                                                   CompletionToken&& token = {})
{
    return {&diagnostics, std::forward<CompletionToken>(token)};
}

namespace detail {

template <class T>
struct is_with_diagnostics : std::false_type {};
template <class T>
struct is_with_diagnostics<with_diagnostics_t<T>> : std::true_type {};

template <class Backend, class T>
struct async_driver {
    Backend* backend;
    std::unique_ptr<io_slot> slot;
    task<result<T>> op;
    std::unique_ptr<boost::asio::steady_timer> timer;
    server_diagnostics* diagnostics = nullptr;
    bool started = false;

    template <class Self>
    void operator()(Self& self) // start, and wake-up after a wait
    {
        if (!started) {
            // Never complete inside the initiating function: the first step runs from the executor.
            started = true;
            op.start(*slot);
            Backend* b = backend;
            boost::asio::post(b->get_executor(), std::move(self));
            return;
        }
        step(self);
    }
    template <class Self>
    void operator()(Self& self, boost::system::error_code ec, http::response response) // a send completed
    {
        slot->ec = ec;
        slot->response = std::move(response);
        step(self);
    }
    template <class Self>
    void operator()(Self& self, boost::system::error_code) // a timer expired
    {
        step(self);
    }

    template <class Self>
    void step(Self& self)
    {
        slot->resume.resume();
        if (op.done()) {
            finish(self);
            return;
        }
        Backend* b = backend;
        switch (slot->kind) {
        case io_kind::send: {
            http::request req = std::move(slot->request);
            b->async_send(std::move(req), std::move(self));
            return;
        }
        case io_kind::sleep: {
            if (!timer)
                timer = std::make_unique<boost::asio::steady_timer>(b->get_executor());
            auto* t = timer.get();
            t->expires_after(slot->delay);
            t->async_wait(std::move(self));
            return;
        }
        case io_kind::wait: {
            auto subscribe = std::move(slot->subscribe);
            auto executor = b->get_executor();
            auto shared = std::make_shared<Self>(std::move(self));
            subscribe([shared, executor] { boost::asio::post(executor, [shared] { (*shared)(); }); });
            return;
        }
        case io_kind::none: {
            // Nothing to wait for (cannot happen with the awaiters of task.hpp): go on later.
            boost::asio::post(b->get_executor(), std::move(self));
            return;
        }
        }
    }

    template <class Self>
    void finish(Self& self)
    {
        boost::system::error_code ec;
        T value{};
        try {
            result<T> r = op.take();
            ec = r.ec;
            if (diagnostics)
                *diagnostics = std::move(r.diagnostics);
            if (!ec)
                value = std::move(r.value);
        } catch (...) {
            ec = make_error_code(errc::transport_error); // an operation does not throw; never let it escape
        }
        self.complete(ec, std::move(value));
    }
};

/// Starts an operation on an asynchronous backend; completes with `void(error_code, T)`.
template <http::AsyncHttpBackend Backend, class T, class CompletionToken>
auto async_run(Backend& backend, task<result<T>> op, CompletionToken&& token, server_diagnostics* diagnostics)
{
    if constexpr (is_with_diagnostics<std::decay_t<CompletionToken>>::value) {
        return async_run(backend, std::move(op), std::move(token.token), token.diagnostics);
    } else {
        return boost::asio::async_compose<CompletionToken, void(boost::system::error_code, T)>(
            async_driver<Backend, T>{&backend, std::make_unique<io_slot>(), std::move(op), nullptr, diagnostics, false},
            token, backend.get_executor());
    }
}

} // namespace detail
} // namespace renault
