// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/client/async_run.hpp>
#include <renault/client/runner.hpp>
#include <renault/client/types.hpp>
#include <renault/generated/endpoints.hpp>
#include <renault/generated/model.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace renault {

/// The named operations of the client. Each has
/// - a throwing form (renault::error, with the server's diagnostics);
/// - an error_code form, optionally with the server's diagnostics;
/// - an `async_` form taking an Asio completion token (by default renault::default_completion_token,
///   boost::asio::deferred) and completing with `void(boost::system::error_code, T)`; wrap the token
///   in renault::with_diagnostics(diag, token) for the server's diagnostics;
/// and where an operation has optional arguments, the same forms without them. All run the same
/// coroutine of the object's core.
template <class Derived>
class client_operations {
public:
private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

/// The named operations of the account. Each has
/// - a throwing form (renault::error, with the server's diagnostics);
/// - an error_code form, optionally with the server's diagnostics;
/// - an `async_` form taking an Asio completion token (by default renault::default_completion_token,
///   boost::asio::deferred) and completing with `void(boost::system::error_code, T)`; wrap the token
///   in renault::with_diagnostics(diag, token) for the server's diagnostics;
/// and where an operation has optional arguments, the same forms without them. All run the same
/// coroutine of the object's core.
template <class Derived>
class account_operations {
public:
private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

/// The named operations of the vehicle. Each has
/// - a throwing form (renault::error, with the server's diagnostics);
/// - an error_code form, optionally with the server's diagnostics;
/// - an `async_` form taking an Asio completion token (by default renault::default_completion_token,
///   boost::asio::deferred) and completing with `void(boost::system::error_code, T)`; wrap the token
///   in renault::with_diagnostics(diag, token) for the server's diagnostics;
/// and where an operation has optional arguments, the same forms without them. All run the same
/// coroutine of the object's core.
template <class Derived>
class vehicle_operations {
public:
    /// Read the thing.
    /// Throws renault::error (the code and the server's diagnostics) when it fails.
    renault::thing get_thing()
    {
        return detail::access::runner(self()).finish(detail::access::core(self()).template read_model<endpoints::thing_read>());
    }
    /// get_thing() that never throws: a failure sets `ec` (the value is then empty).
    renault::thing get_thing(boost::system::error_code& ec)
    {
        return detail::access::runner(self()).finish(detail::access::core(self()).template read_model<endpoints::thing_read>(), ec);
    }
    /// get_thing() that never throws: a failure sets `ec`, and `diagnostics` to what the server said.
    renault::thing get_thing(boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        return detail::access::runner(self()).finish(detail::access::core(self()).template read_model<endpoints::thing_read>(), ec, &diagnostics);
    }
    /// get_thing() started asynchronously; completes with `void(boost::system::error_code, renault::thing)`.
    template <class CompletionToken = default_completion_token>
    auto async_get_thing(CompletionToken&& token = {})
    {
        return detail::access::runner(self()).start(detail::access::core(self()).template read_model<endpoints::thing_read>(), std::forward<CompletionToken>(token));
    }

    /// Set the thing.
    /// Throws renault::error (the code and the server's diagnostics) when it fails.
    void set_thing(int level, std::optional<int> when = std::nullopt)
    {
        detail::access::runner(self()).finish(detail::access::core(self()).set_thing_op(std::move(level), std::move(when)));
    }
    /// set_thing() that never throws: a failure sets `ec` (the value is then empty).
    void set_thing(int level, std::optional<int> when, boost::system::error_code& ec)
    {
        detail::access::runner(self()).finish(detail::access::core(self()).set_thing_op(std::move(level), std::move(when)), ec);
    }
    /// set_thing() that never throws: a failure sets `ec`, and `diagnostics` to what the server said.
    void set_thing(int level, std::optional<int> when, boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        detail::access::runner(self()).finish(detail::access::core(self()).set_thing_op(std::move(level), std::move(when)), ec, &diagnostics);
    }
    /// set_thing() started asynchronously; completes with `void(boost::system::error_code, renault::none)`.
    template <class CompletionToken = default_completion_token>
    auto async_set_thing(int level, std::optional<int> when, CompletionToken&& token = {})
    {
        return detail::access::runner(self()).start(detail::access::core(self()).set_thing_op(std::move(level), std::move(when)), std::forward<CompletionToken>(token));
    }
    /// set_thing(…, ec) with the optional arguments at their defaults.
    void set_thing(int level, boost::system::error_code& ec)
    {
        detail::access::runner(self()).finish(detail::access::core(self()).set_thing_op(std::move(level), std::nullopt), ec);
    }
    /// set_thing(…, ec, diagnostics) with the optional arguments at their defaults.
    void set_thing(int level, boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        detail::access::runner(self()).finish(detail::access::core(self()).set_thing_op(std::move(level), std::nullopt), ec, &diagnostics);
    }
    /// async_set_thing() with the optional arguments at their defaults.
    template <class CompletionToken = default_completion_token>
        requires(!std::is_convertible_v<CompletionToken&&, std::optional<int>>)
    auto async_set_thing(int level, CompletionToken&& token = {})
    {
        return detail::access::runner(self()).start(detail::access::core(self()).set_thing_op(std::move(level), std::nullopt), std::forward<CompletionToken>(token));
    }

private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

} // namespace renault
