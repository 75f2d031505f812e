// basic_client<Backend>: the entry point — login (with two-factor), the person and its accounts,
// settings fetched from Renault's remote configuration (RENAULT_API.md §2.2, §2.3, §7.3).
#pragma once

#include <renault/client/account.hpp>

#include <boost/json/parse.hpp>

namespace renault {

template <http::HttpBackend Backend>
class basic_client : public detail::runner<Backend>, public client_operations<basic_client<Backend>> {
    using runner = detail::runner<Backend>;
    using runner::session_;

public:
    using account_type = basic_account<Backend>;
    using vehicle_type = basic_vehicle<Backend>;

    /// A client on `backend` (which must outlive it and its accounts and vehicles).
    explicit basic_client(Backend& backend, client_options options = {})
        : runner(backend, std::make_shared<detail::session>(std::move(options)))
    {
    }

    /// An account object without I/O.
    account_type account(std::string account_id) const { return account_type(*this->backend_, session_, std::move(account_id)); }
    /// A vehicle object without I/O; its details are read on first use.
    vehicle_type vehicle(std::string account_id, std::string vin) const
    {
        return vehicle_type(*this->backend_, session_, std::move(account_id), std::move(vin));
    }

    /// The login token (to save and restore a session), if logged in.
    std::optional<std::string> login_token() const { return session_->login_token(); }
    /// Restores a session from a saved login token, without the password.
    void set_login_token(const std::string& token)
    {
        boost::system::error_code ec;
        session_->set_login_token(token, ec);
        if (ec)
            throw error(ec);
    }
    void set_login_token(const std::string& token, boost::system::error_code& ec) { session_->set_login_token(token, ec); }

    /// The settings in use (options, then the credential store, then the locale table).
    result<session_settings> settings() const { return session_->settings(); }
    credential_store& store() const { return session_->store(); }
    const logger& log() const { return session_->log(); }
    /// When the quota cooldown ends (epoch when none runs).
    std::chrono::system_clock::time_point cooldown_until() const { return session_->cooldown_until(); }

    // --- operations (the named forms are generated: client_operations) ------------------------

    detail::task<result<none>> login_op(std::string login_id, std::string password)
    {
        return session_->login(std::move(login_id), std::move(password));
    }

    detail::task<result<person>> person_op()
    {
        auto id = co_await session_->person_id();
        if (!id)
            co_return fail(id);
        auto target = session_->target();
        if (!target)
            co_return fail(target);
        target.value.person_id = id.value;
        co_return co_await session_->template read_flat<person>(protocol::kamereon_request(endpoints::person::info, target.value));
    }

    detail::task<result<std::vector<account_type>>> accounts_op()
    {
        auto p = co_await person_op();
        if (!p)
            co_return fail(p);
        if (!p.value.accounts)
            co_return fail(errc::invalid_response, detail::session::message_only("`accounts` is missing in the person answer"));
        std::vector<account_type> out;
        for (const auto& a : *p.value.accounts)
            if (a.account_id)
                out.push_back(account(*a.account_id));
        co_return result<std::vector<account_type>>{std::move(out), {}, {}};
    }

    detail::task<result<locale_settings>> fetch_locale_settings_op(std::string locale)
    {
        if (locale.size() < 5 || locale[2] != '_')
            co_return fail(errc::invalid_argument, detail::session::message_only("locale must look like fr_FR"));
        std::string url = session_->options().remote_config_url;
        if (auto at = url.find("{locale}"); at != std::string::npos)
            url.replace(at, 8, locale);
        http::request req;
        req.url = std::move(url);
        session_->trace_request(req);
        auto [ec, resp] = co_await detail::send_request(std::move(req));
        if (ec)
            co_return fail(ec);
        if (resp.status >= 400) {
            server_diagnostics d;
            d.http_status = resp.status;
            d.message = "Locale not found on Renault server (HTTP status " + std::to_string(resp.status) + ").";
            co_return fail(errc::locale_not_found, std::move(d));
        }
        boost::system::error_code jec;
        auto doc = boost::json::parse(resp.body, jec);
        auto text = [&](std::string_view server, std::string_view field) -> std::string {
            if (jec || !doc.is_object())
                return {};
            const auto* servers = doc.get_object().if_contains("servers");
            const auto* s = servers && servers->is_object() ? servers->get_object().if_contains(server) : nullptr;
            const auto* f = s && s->is_object() ? s->get_object().if_contains(field) : nullptr;
            return f && f->is_string() ? std::string(f->get_string()) : std::string();
        };
        locale_settings out{locale, text("gigyaProd", "target"), text("gigyaProd", "apikey"), text("wiredProd", "target"),
                            text("wiredProd", "apikey")};
        if (out.gigya_root_url.empty() || out.gigya_api_key.empty() || out.kamereon_root_url.empty() ||
            out.kamereon_api_key.empty()) {
            server_diagnostics d;
            d.excerpt = protocol::excerpt(resp.body);
            co_return fail(errc::invalid_response, std::move(d));
        }
        boost::system::error_code store_ec;
        session_->store().set_many({{std::string(credential_keys::locale), credential{locale, {}}},
                                    {std::string(credential_keys::gigya_root_url), credential{out.gigya_root_url, {}}},
                                    {std::string(credential_keys::gigya_api_key), credential{out.gigya_api_key, {}}},
                                    {std::string(credential_keys::kamereon_root_url), credential{out.kamereon_root_url, {}}},
                                    {std::string(credential_keys::kamereon_api_key), credential{out.kamereon_api_key, {}}}},
                                   store_ec);
        if (store_ec)
            co_return fail(store_ec);
        co_return result<locale_settings>{std::move(out), {}, {}};
    }
};

} // namespace renault
