// renault::http::any_backend: a type-erased backend, so that an application (the CLI) compiles
// basic_client<any_backend> once and chooses the backend at run time.
#pragma once

#include <renault/error.hpp>
#include <renault/http/backend.hpp>
#include <renault/http/message.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/bad_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/system/error_code.hpp>

#include <concepts>
#include <memory>
#include <mutex>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace renault::http {

class any_backend;

namespace detail {

using handler_type = boost::asio::any_completion_handler<send_signature>;

struct backend_base {
    virtual ~backend_base() = default;
    virtual response send(const request& req, boost::system::error_code& ec) noexcept = 0;
    virtual void async_send(request req, handler_type handler) = 0;
    virtual boost::asio::any_io_executor get_executor() noexcept = 0;
    virtual void* target() noexcept = 0;
    virtual const std::type_info& type() const noexcept = 0;
};

template <class T>
struct is_shared_ptr : std::false_type {};
template <class T>
struct is_shared_ptr<std::shared_ptr<T>> : std::true_type {};

/// The backend in a holder: the value itself, or what a shared_ptr points to.
template <class Holder>
auto& deref(Holder& held) noexcept
{
    if constexpr (is_shared_ptr<Holder>::value)
        return *held;
    else
        return held;
}

/// Holds an asynchronous backend (by value, or a shared_ptr to one) and forwards to it.
template <class B, class Holder>
struct async_model final : backend_base {
    explicit async_model(Holder h) : held(std::move(h)) {}
    response send(const request& req, boost::system::error_code& ec) noexcept override
    {
        try {
            return deref(held).send(req, ec);
        } catch (...) { // a backend breaking the rule "never throw"
            ec = errc::transport_error;
            return {};
        }
    }
    void async_send(request req, handler_type handler) override
    {
        deref(held).async_send(std::move(req), std::move(handler));
    }
    boost::asio::any_io_executor get_executor() noexcept override { return deref(held).get_executor(); }
    void* target() noexcept override { return &deref(held); }
    const std::type_info& type() const noexcept override { return typeid(B); }
    Holder held;
};

/// Holds a synchronous backend; `async_send` runs `send` on a private thread pool and completes on
/// the handler's executor (by default the executor given to any_backend).
template <class B, class Holder>
struct sync_model final : backend_base {
    sync_model(Holder h, boost::asio::any_io_executor e) : held(std::move(h)), ex(std::move(e)) {}
    ~sync_model() override
    {
        if (pool)
            pool->join();
    }
    response send(const request& req, boost::system::error_code& ec) noexcept override
    {
        try {
            return deref(held).send(req, ec);
        } catch (...) {
            ec = errc::transport_error;
            return {};
        }
    }
    void async_send(request req, handler_type handler) override
    {
        if (!ex)
            throw boost::asio::execution::bad_executor();
        {
            std::lock_guard lock(mutex);
            if (!pool)
                pool = std::make_unique<boost::asio::thread_pool>(threads);
        }
        auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler, ex));
        auto job = [this, r = std::move(req), handler = std::move(handler), work = std::move(work)]() mutable {
            boost::system::error_code ec;
            response resp = send(r, ec);
            boost::asio::dispatch(work.get_executor(), boost::asio::append(std::move(handler), ec, std::move(resp)));
        };
        boost::asio::post(*pool, std::move(job));
    }
    boost::asio::any_io_executor get_executor() noexcept override { return ex; }
    void* target() noexcept override { return &deref(held); }
    const std::type_info& type() const noexcept override { return typeid(B); }

    static constexpr std::size_t threads = 4;
    Holder held;
    boost::asio::any_io_executor ex;
    std::mutex mutex;
    std::unique_ptr<boost::asio::thread_pool> pool; // started by the first async_send
};

template <class B>
std::shared_ptr<backend_base> make(B backend, boost::asio::any_io_executor ex)
{
    if constexpr (AsyncHttpBackend<B>)
        return std::make_shared<async_model<B, B>>(std::move(backend));
    else
        return std::make_shared<sync_model<B, B>>(std::move(backend), std::move(ex));
}

template <class B>
std::shared_ptr<backend_base> make(std::shared_ptr<B> backend, boost::asio::any_io_executor ex)
{
    if constexpr (AsyncHttpBackend<B>)
        return std::make_shared<async_model<B, std::shared_ptr<B>>>(std::move(backend));
    else
        return std::make_shared<sync_model<B, std::shared_ptr<B>>>(std::move(backend), std::move(ex));
}

} // namespace detail

/// Any HttpBackend behind one type, itself an HttpBackend and an AsyncHttpBackend.
///
///     renault::http::any_backend backend{renault::http::beast_backend{io.get_executor()}};
///     renault::basic_client<renault::http::any_backend> client{backend, ...};
///
/// - An AsyncHttpBackend is used as it is: `send` and `async_send` forward to it (the handler is
///   erased with boost::asio::any_completion_handler), `get_executor()` is its executor.
/// - A synchronous-only HttpBackend is given an executor: `async_send` runs its `send` on a
///   private pool of 4 threads (started at the first `async_send`) and completes on the handler's
///   executor (by default that executor). Without an executor, `async_send` throws
///   boost::asio::execution::bad_executor, as fake_backend does; `send` works either way. The held
///   backend's `send` must then allow calls from several threads at once.
///
/// The backend is held by value (moved in) or through a shared_ptr. Copies of an any_backend share
/// the one held backend. `target<B>()` gives it back. Thread safety: that of the held backend.
class any_backend {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Holds `backend` (moved in). For a synchronous-only backend, `ex` runs the completions of
    /// `async_send`; an asynchronous backend uses its own executor and ignores `ex`.
    template <HttpBackend B>
        requires(!std::same_as<std::remove_cvref_t<B>, any_backend>)
    explicit any_backend(B backend, executor_type ex = {})
        : impl_(detail::make(std::move(backend), std::move(ex)))
    {
    }

    /// Shares `backend` (not null) with the caller, who may keep inspecting it.
    template <HttpBackend B>
    explicit any_backend(std::shared_ptr<B> backend, executor_type ex = {})
        : impl_(detail::make(std::move(backend), std::move(ex)))
    {
    }

    executor_type get_executor() const noexcept { return impl_->get_executor(); }

    /// Forwards to the held backend's `send`. Never throws.
    response send(const request& req, boost::system::error_code& ec) noexcept { return impl_->send(req, ec); }

    /// Forwards to the held backend's `async_send`; completes with `void(error_code, response)`.
    template <class CompletionToken>
    auto async_send(request req, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, send_signature>(
            [](auto handler, request r, std::shared_ptr<detail::backend_base> impl) {
                impl->async_send(std::move(r), detail::handler_type(std::move(handler)));
            },
            token, std::move(req), impl_);
    }

    /// The held backend if it is a `B`, else nullptr.
    template <class B>
    B* target() noexcept
    {
        return impl_->type() == typeid(B) ? static_cast<B*>(impl_->target()) : nullptr;
    }

private:
    std::shared_ptr<detail::backend_base> impl_;
};

static_assert(HttpBackend<any_backend>);
static_assert(AsyncHttpBackend<any_backend>);

} // namespace renault::http

#define RENAULT_ANY_BACKEND_DEFINED
#include <renault/detail/extern_clients.hpp>
