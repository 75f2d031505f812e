// What the client, account and vehicle objects share: the backend, the session, and the three ways
// of running an operation (throwing, error_code, asynchronous) that the generated forms call.
#pragma once

#include <renault/client/async_run.hpp>
#include <renault/client/run.hpp>
#include <renault/client/session.hpp>
#include <renault/http/backend.hpp>

#include <memory>

namespace renault::detail {

template <http::HttpBackend Backend>
class runner {
public:
    /// Runs an operation to completion on this thread; failures throw renault::error.
    template <class T>
    T finish(task<result<T>> op)
    {
        return value_or_throw(run_sync(*backend_, std::move(op), sleeper()));
    }
    /// Runs an operation to completion on this thread; failures set `ec` (and `diag`).
    template <class T>
    T finish(task<result<T>> op, boost::system::error_code& ec, server_diagnostics* diag = nullptr)
    {
        return value_or_error(run_sync(*backend_, std::move(op), sleeper()), ec, diag);
    }
    /// Starts an operation on an asynchronous backend; completes with `void(std::exception_ptr, T)`.
    template <class T, class CompletionToken>
        requires http::AsyncHttpBackend<Backend>
    auto start(task<result<T>> op, CompletionToken&& token)
    {
        return async_run(*backend_, std::move(op), std::forward<CompletionToken>(token));
    }

    Backend& backend() const noexcept { return *backend_; }

protected:
    runner(Backend& backend, std::shared_ptr<session> s) : backend_(&backend), session_(std::move(s)) {}

    std::function<void(std::chrono::milliseconds)> sleeper() const
    {
        auto s = session_;
        return [s](std::chrono::milliseconds d) { s->sleep(d); };
    }

    Backend* backend_;
    std::shared_ptr<session> session_;
};

} // namespace renault::detail
