// basic_client<Backend>: the entry point — login (with two-factor), the person and its accounts,
// settings fetched from Renault's remote configuration (docs/client.md).
#pragma once

#include <renault/client/account.hpp>
#include <renault/client/detail/client_core.hpp>

namespace renault {

template <http::ClientBackend Backend>
class basic_client : public client_operations<basic_client<Backend>> {
public:
    using backend_type = Backend;
    using account_type = basic_account<Backend>;
    using vehicle_type = basic_vehicle<Backend>;

    /// A client on `backend` (which must outlive it and its accounts and vehicles).
    explicit basic_client(Backend& backend, client_options options = {})
        : core_(std::move(options)), runner_(backend, core_.session_ptr())
    {
    }

    /// An account object without I/O.
    account_type account(std::string account_id) const
    {
        return account_type(runner_.backend(), detail::account_core(core_.session_ptr(), std::move(account_id)));
    }
    /// A vehicle object without I/O; its details are read on first use.
    vehicle_type vehicle(std::string account_id, std::string vin) const
    {
        return vehicle_type(runner_.backend(), detail::vehicle_core(core_.session_ptr(), std::move(account_id), std::move(vin)));
    }

    /// The login token (to save and restore a session), if logged in.
    std::optional<std::string> login_token() const { return session().login_token(); }
    /// Restores a session from a saved login token, without the password.
    void set_login_token(const std::string& token)
    {
        boost::system::error_code ec;
        session().set_login_token(token, ec);
        if (ec)
            throw error(ec);
    }
    void set_login_token(const std::string& token, boost::system::error_code& ec) { session().set_login_token(token, ec); }

    /// The settings in use (options, then the credential store, then the locale table).
    result<session_settings> settings() const { return session().settings(); }
    credential_store& store() const { return session().store(); }
    const logger& log() const { return session().log(); }
    /// When the quota cooldown ends (epoch when none runs).
    std::chrono::system_clock::time_point cooldown_until() const { return session().cooldown_until(); }
    /// Replaces client_options::deadline: no operation of this client, or of its accounts and
    /// vehicles, runs past `deadline` (time_point{} = none). Operations already running keep the
    /// deadline they started with.
    void set_deadline(std::chrono::system_clock::time_point deadline) { session().set_deadline(deadline); }
    /// The backend the client's operations run on.
    Backend& backend() const noexcept { return runner_.backend(); }

private:
    friend struct detail::access;

    /// The generated operations run these: the core's, with accounts as objects on this backend.
    struct core_adapter {
        basic_client* self;
        detail::task<result<none>> login_op(std::string login_id, std::string password)
        {
            return self->core_.login_op(std::move(login_id), std::move(password));
        }
        detail::task<result<person>> person_op() { return self->core_.person_op(); }
        detail::task<result<std::vector<account_type>>> accounts_op()
        {
            return detail::wrap_all(self->core_.accounts_op(), [backend = &self->runner_.backend()](detail::account_core c) {
                return account_type(*backend, std::move(c));
            });
        }
        detail::task<result<locale_settings>> fetch_locale_settings_op(std::string locale)
        {
            return self->core_.fetch_locale_settings_op(std::move(locale));
        }
    };
    core_adapter operations() noexcept { return {this}; }

    detail::session& session() const noexcept { return *core_.session_ptr(); }

    detail::client_core core_;
    detail::runner<Backend> runner_;
};

} // namespace renault

#define RENAULT_CLIENT_DEFINED
#include <renault/detail/extern_clients.hpp>
