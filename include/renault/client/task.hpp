// The sans-io core of the client: operations are C++20 coroutines (`task<T>`) that never touch a
// socket. When an operation needs I/O it suspends with a request in its `io_slot` (send this HTTP
// request, sleep this long, wait for the token refresh another operation is doing); a driver
// performs it and resumes the operation. The same operation code therefore runs synchronously
// (run_sync, with HttpBackend::send) and asynchronously (async_run, with async_send and Asio
// timers) — each endpoint and action is written once.
#pragma once

#include <renault/error.hpp>
#include <renault/http/message.hpp>

#include <chrono>
#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace renault {

/// The outcome of an operation: a value, or an error code with what the server said.
template <class T>
struct result {
    T value{};
    boost::system::error_code ec;
    server_diagnostics diagnostics;

    explicit operator bool() const noexcept { return !ec; }
};

/// An error outcome, convertible to any result<T>.
struct failure {
    boost::system::error_code ec;
    server_diagnostics diagnostics;

    template <class T>
    operator result<T>() const
    {
        result<T> r;
        r.ec = ec;
        r.diagnostics = diagnostics;
        return r;
    }
};

template <class T>
failure fail(const result<T>& r)
{
    return {r.ec, r.diagnostics};
}
inline failure fail(boost::system::error_code ec, server_diagnostics diag = {})
{
    return {ec, std::move(diag)};
}

namespace detail {

/// What a suspended operation waits for.
enum class io_kind { none, send, sleep, wait };

/// The channel between an operation and its driver.
struct io_slot {
    io_kind kind = io_kind::none;
    http::request request;                  ///< io_kind::send
    std::chrono::milliseconds delay{};      ///< io_kind::sleep
    /// io_kind::wait: the driver calls it with a function that resumes the operation; the
    /// function must be called exactly once, from any thread.
    std::function<void(std::function<void()>)> subscribe;
    boost::system::error_code ec;           ///< result of a send
    http::response response;                ///< result of a send
    std::coroutine_handle<> resume;         ///< the innermost suspended coroutine
};

struct promise_base {
    io_slot* slot = nullptr;
    std::coroutine_handle<> continuation;
    std::exception_ptr exception;

    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
        bool await_ready() noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept
        {
            auto next = h.promise().continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
};

/// A lazily started coroutine producing T. Awaitable from another task; run by a driver.
template <class T>
class [[nodiscard]] task {
public:
    struct promise_type : promise_base {
        std::optional<T> value;
        task get_return_object() { return task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
        template <class U>
        void return_value(U&& v)
        {
            value.emplace(std::forward<U>(v));
        }
    };

    task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
    task& operator=(task&& other) noexcept
    {
        if (this != &other) {
            destroy();
            handle_ = std::exchange(other.handle_, {});
        }
        return *this;
    }
    task(const task&) = delete;
    task& operator=(const task&) = delete;
    ~task() { destroy(); }

    // Awaiting from another task: runs this one on the parent's slot, then resumes the parent.
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> parent) noexcept
    {
        handle_.promise().slot = parent.promise().slot;
        handle_.promise().continuation = parent;
        return handle_;
    }
    T await_resume() { return take(); }

    // Driver interface.
    void start(io_slot& slot) noexcept
    {
        handle_.promise().slot = &slot;
        slot.resume = handle_;
    }
    bool done() const noexcept { return handle_.done(); }
    T take()
    {
        auto& p = handle_.promise();
        if (p.exception)
            std::rethrow_exception(p.exception);
        return std::move(*p.value);
    }

private:
    explicit task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
    void destroy() noexcept
    {
        if (handle_)
            handle_.destroy();
    }
    std::coroutine_handle<promise_type> handle_;
};

/// Base of the leaf awaitables: suspends the operation with a request for its driver.
struct io_awaiter_base {
    io_slot* slot = nullptr;
    bool await_ready() const noexcept { return false; }
};

/// `co_await send_request(req)` → the backend's answer.
struct send_awaiter : io_awaiter_base {
    http::request request;
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept
    {
        slot = h.promise().slot;
        slot->kind = io_kind::send;
        slot->request = std::move(request);
        slot->resume = h;
    }
    std::pair<boost::system::error_code, http::response> await_resume()
    {
        slot->kind = io_kind::none;
        return {std::exchange(slot->ec, {}), std::move(slot->response)};
    }
};
inline send_awaiter send_request(http::request req)
{
    send_awaiter a;
    a.request = std::move(req);
    return a;
}

/// `co_await sleep_for(d)`: the driver waits (a timer when asynchronous).
struct sleep_awaiter : io_awaiter_base {
    std::chrono::milliseconds delay{};
    bool await_ready() const noexcept { return delay.count() <= 0; }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept
    {
        slot = h.promise().slot;
        slot->kind = io_kind::sleep;
        slot->delay = delay;
        slot->resume = h;
    }
    void await_resume() noexcept
    {
        if (slot)
            slot->kind = io_kind::none;
    }
};
inline sleep_awaiter sleep_for(std::chrono::milliseconds d)
{
    sleep_awaiter a;
    a.delay = d;
    return a;
}

/// `co_await wait_for(subscribe)`: suspends until the function that `subscribe` receives is called.
struct wait_awaiter : io_awaiter_base {
    std::function<void(std::function<void()>)> subscribe;
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept
    {
        slot = h.promise().slot;
        slot->kind = io_kind::wait;
        slot->subscribe = std::move(subscribe);
        slot->resume = h;
    }
    void await_resume() noexcept { slot->kind = io_kind::none; }
};
inline wait_awaiter wait_for(std::function<void(std::function<void()>)> subscribe)
{
    wait_awaiter a;
    a.subscribe = std::move(subscribe);
    return a;
}

} // namespace detail
} // namespace renault
