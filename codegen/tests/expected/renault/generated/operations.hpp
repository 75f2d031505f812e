// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

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

/// The named operations of the client. Each has a throwing form, an error_code form
/// (optionally with the server's diagnostics) and an `async_` form completing with
/// `void(std::exception_ptr, T)`; all three run the same coroutine of `Derived`.
template <class Derived>
class client_operations {
public:
private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

/// The named operations of the account. Each has a throwing form, an error_code form
/// (optionally with the server's diagnostics) and an `async_` form completing with
/// `void(std::exception_ptr, T)`; all three run the same coroutine of `Derived`.
template <class Derived>
class account_operations {
public:
private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

/// The named operations of the vehicle. Each has a throwing form, an error_code form
/// (optionally with the server's diagnostics) and an `async_` form completing with
/// `void(std::exception_ptr, T)`; all three run the same coroutine of `Derived`.
template <class Derived>
class vehicle_operations {
public:
    /// Read the thing.
    renault::thing get_thing()
    {
        return self().finish(self().template read_model<endpoints::thing_read>());
    }
    renault::thing get_thing(boost::system::error_code& ec)
    {
        return self().finish(self().template read_model<endpoints::thing_read>(), ec);
    }
    renault::thing get_thing(boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        return self().finish(self().template read_model<endpoints::thing_read>(), ec, &diagnostics);
    }
    template <class CompletionToken>
    auto async_get_thing(CompletionToken&& token)
    {
        return self().start(self().template read_model<endpoints::thing_read>(), std::forward<CompletionToken>(token));
    }

    /// Set the thing.
    void set_thing(int level, std::optional<int> when = std::nullopt)
    {
        self().finish(self().set_thing_op(std::move(level), std::move(when)));
    }
    void set_thing(int level, std::optional<int> when, boost::system::error_code& ec)
    {
        self().finish(self().set_thing_op(std::move(level), std::move(when)), ec);
    }
    void set_thing(int level, std::optional<int> when, boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        self().finish(self().set_thing_op(std::move(level), std::move(when)), ec, &diagnostics);
    }
    template <class CompletionToken>
    auto async_set_thing(int level, std::optional<int> when, CompletionToken&& token)
    {
        return self().start(self().set_thing_op(std::move(level), std::move(when)), std::forward<CompletionToken>(token));
    }
    // Without the optional arguments:
    void set_thing(int level, boost::system::error_code& ec)
    {
        self().finish(self().set_thing_op(std::move(level), std::nullopt), ec);
    }
    void set_thing(int level, boost::system::error_code& ec, server_diagnostics& diagnostics)
    {
        self().finish(self().set_thing_op(std::move(level), std::nullopt), ec, &diagnostics);
    }
    template <class CompletionToken>
    auto async_set_thing(int level, CompletionToken&& token)
    {
        return self().start(self().set_thing_op(std::move(level), std::nullopt), std::forward<CompletionToken>(token));
    }

private:
    Derived& self() { return static_cast<Derived&>(*this); }
};

} // namespace renault
