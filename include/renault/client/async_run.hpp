// The asynchronous driver of client operations: each I/O request of a task becomes an
// AsyncHttpBackend::async_send or an Asio timer. Operations complete with
// `void(std::exception_ptr, T)`: with use_awaitable or use_future a failure throws renault::error
// (code and server diagnostics); with a callback, `renault::error_code_of(ep)` reads the code.
#pragma once

#include <renault/client/task.hpp>
#include <renault/http/backend.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <exception>
#include <memory>

namespace renault {

/// The error code carried by an exception_ptr of an asynchronous completion (ok for nullptr).
inline boost::system::error_code error_code_of(const std::exception_ptr& ep) noexcept
{
    if (!ep)
        return {};
    try {
        std::rethrow_exception(ep);
    } catch (const error& e) {
        return e.error_code();
    } catch (...) {
        return make_error_code(errc::transport_error);
    }
}

namespace detail {

template <class Backend, class T>
struct async_driver {
    Backend* backend;
    std::unique_ptr<io_slot> slot;
    task<result<T>> op;
    std::unique_ptr<boost::asio::steady_timer> timer;
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
        std::exception_ptr ep;
        T value{};
        try {
            result<T> r = op.take();
            if (r.ec)
                ep = std::make_exception_ptr(error(r.ec, std::move(r.diagnostics)));
            else
                value = std::move(r.value);
        } catch (...) {
            ep = std::current_exception();
        }
        self.complete(ep, std::move(value));
    }
};

/// Starts an operation on an asynchronous backend; completes with `void(std::exception_ptr, T)`.
template <http::AsyncHttpBackend Backend, class T, class CompletionToken>
auto async_run(Backend& backend, task<result<T>> op, CompletionToken&& token)
{
    return boost::asio::async_compose<CompletionToken, void(std::exception_ptr, T)>(
        async_driver<Backend, T>{&backend, std::make_unique<io_slot>(), std::move(op), nullptr, false}, token,
        backend.get_executor());
}

} // namespace detail
} // namespace renault
