// What the client, account and vehicle objects share: the backend, the session, and the three ways
// of running an operation (throwing, error_code, asynchronous) that the generated forms call.
// Internal: user code reaches none of it (detail::access is the generated forms' only door).
#pragma once

#include <renault/client/async_run.hpp>
#include <renault/client/detail/session.hpp>
#include <renault/client/run.hpp>
#include <renault/http/backend.hpp>

#include <memory>

namespace renault::detail {

template <http::ClientBackend Backend>
class runner {
public:
    runner(Backend& backend, std::shared_ptr<session> s) : backend_(&backend), session_(std::move(s)) {}

    /// Runs an operation to completion on this thread; failures throw renault::error.
    template <class T>
    T finish(task<result<T>> op) const
    {
        return value_or_throw(run_sync(*backend_, redacted(std::move(op)), sleeper()));
    }
    /// Runs an operation to completion on this thread; failures set `ec` (and `diag`).
    template <class T>
    T finish(task<result<T>> op, boost::system::error_code& ec, server_diagnostics* diag = nullptr) const
    {
        return value_or_error(run_sync(*backend_, redacted(std::move(op)), sleeper()), ec, diag);
    }
    /// Starts an operation on an asynchronous backend; completes with `void(error_code, T)`, the
    /// server's diagnostics in `*diag` when given.
    template <class T, class CompletionToken>
        requires http::AsyncHttpBackend<Backend>
    auto start(task<result<T>> op, CompletionToken&& token, server_diagnostics* diag = nullptr) const
    {
        return async_run(*backend_, redacted(std::move(op)), std::forward<CompletionToken>(token), diag);
    }

    Backend& backend() const noexcept { return *backend_; }
    const std::shared_ptr<session>& session_ptr() const noexcept { return session_; }

private:
    /// `op`, whose failure's diagnostics (what the servers said, and so what error messages show)
    /// have gone through the session's redactor: echoed passwords, tokens and JWTs never reach
    /// the caller.
    template <class T>
    task<result<T>> redacted(task<result<T>> op) const
    {
        return redact_failure(std::move(op), session_);
    }
    template <class T>
    static task<result<T>> redact_failure(task<result<T>> op, std::shared_ptr<session> s)
    {
        auto r = co_await op;
        if (r.ec)
            s->redact(r.diagnostics);
        co_return std::move(r);
    }

    std::function<void(std::chrono::milliseconds)> sleeper() const
    {
        auto s = session_;
        return [s](std::chrono::milliseconds d) { s->sleep(d); };
    }

    Backend* backend_;
    std::shared_ptr<session> session_;
};

/// How the generated operation forms (generated/operations.hpp) reach the private runner and
/// core of a client, account or vehicle object.
struct access {
    template <class Object>
    static auto& runner(Object& o) noexcept
    {
        return o.runner_;
    }
    /// The object's operations: its core, or an adapter that turns the core's values into
    /// objects on the backend (accounts, vehicles).
    template <class Object>
    static decltype(auto) core(Object& o) noexcept
    {
        return o.operations();
    }
};

/// An operation whose value is `make(item)` for each item of `op`'s value.
template <class Item, class Make>
task<result<std::vector<std::invoke_result_t<Make&, Item>>>> wrap_all(task<result<std::vector<Item>>> op, Make make)
{
    auto items = co_await op;
    if (!items)
        co_return fail(items);
    std::vector<std::invoke_result_t<Make&, Item>> out;
    out.reserve(items.value.size());
    for (auto& item : items.value)
        out.push_back(make(std::move(item)));
    co_return result<decltype(out)>{std::move(out), {}, {}};
}

} // namespace renault::detail
