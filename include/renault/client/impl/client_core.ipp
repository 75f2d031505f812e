// The definitions of client_core (client/detail/client_core.hpp). Included by that header
// in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/client/detail/client_core.hpp>

#include <boost/json/parse.hpp>

namespace renault::detail {

RENAULT_DECL client_core::client_core(client_options options) : session_(std::make_shared<session>(std::move(options))) {}

RENAULT_DECL task<result<none>> client_core::login_op(std::string login_id, std::string password)
{
    return session_->login(std::move(login_id), std::move(password));
}

RENAULT_DECL task<result<person>> client_core::person_op()
{
    auto id = co_await session_->person_id();
    if (!id)
        co_return fail(id);
    auto target = session_->target();
    if (!target)
        co_return fail(target);
    target.value.person_id = id.value;
    co_return co_await session_->read_flat<person>(protocol::kamereon_request(endpoints::person::info, target.value));
}

RENAULT_DECL task<result<std::vector<account_core>>> client_core::accounts_op()
{
    auto p = co_await person_op();
    if (!p)
        co_return fail(p);
    if (!p.value.accounts)
        co_return fail(errc::invalid_response, session::message_only("`accounts` is missing in the person answer"));
    std::vector<account_core> out;
    for (const auto& a : *p.value.accounts)
        if (a.account_id)
            out.emplace_back(session_, *a.account_id);
    co_return result<std::vector<account_core>>{std::move(out), {}, {}};
}

RENAULT_DECL task<result<locale_settings>> client_core::fetch_locale_settings_op(std::string locale)
{
    if (locale.size() < 5 || locale[2] != '_')
        co_return fail(errc::invalid_argument, session::message_only("locale must look like fr_FR"));
    std::string url = session_->options().remote_config_url;
    if (auto at = url.find("{locale}"); at != std::string::npos)
        url.replace(at, 8, locale);
    auto left = session_->time_left(session_->operation_deadline());
    if (!left)
        co_return fail(left);
    http::request req;
    req.url = std::move(url);
    req.timeout = left.value;
    session_->trace_request(req);
    auto [ec, resp] = co_await send_request(std::move(req));
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

} // namespace renault::detail
