// The definitions of detail::session (client/detail/session.hpp): settings, the Gigya login with
// two-factor, the person id, the JWT with single-flight refresh, and the Kamereon call with its
// policies. Included by that header in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/client/detail/session.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <thread>

namespace renault::detail {

RENAULT_DECL session::session(client_options options) : options_(std::move(options)), deadline_(options_.deadline)
{
    if (!options_.store)
        options_.store = std::make_shared<memory_credential_store>();
    if (!options_.clock)
        options_.clock = [] { return std::chrono::system_clock::now(); };
    if (!options_.sleep)
        options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    if (!options_.random) {
        auto engine = std::make_shared<std::minstd_rand>(std::random_device{}());
        auto mutex = std::make_shared<std::mutex>();
        options_.random = [engine, mutex] {
            std::lock_guard lock(*mutex);
            return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
        };
    }
    boost::system::error_code ignored;
    if (!options_.locale.empty() && options_.store_locale)
        options_.store->set(credential_keys::locale, credential{options_.locale, {}}, ignored);
    if (options_.country && options_.store_locale)
        options_.store->set(credential_keys::country, credential{*options_.country, {}}, ignored);
    if (auto token = store_value(credential_keys::gigya_login_token))
        options_.log.secrets().add_secret(*token);
    if (auto saved = options_.store->find(credential_keys::gigya_jwt); saved && !saved->expired(now())) {
        jwt_ = saved->value;
        jwt_expiry_ = saved->expiry ? *saved->expiry : now() + std::chrono::seconds(900);
        options_.log.secrets().add_secret(jwt_);
    }
}

RENAULT_DECL result<session_settings> session::settings()
{
    std::lock_guard lock(mutex_);
    session_settings s;
    for (auto [key, target] : {std::pair{credential_keys::country, &s.country},
                               std::pair{credential_keys::gigya_root_url, &s.gigya_root_url},
                               std::pair{credential_keys::gigya_api_key, &s.gigya_api_key},
                               std::pair{credential_keys::kamereon_root_url, &s.kamereon_root_url},
                               std::pair{credential_keys::kamereon_api_key, &s.kamereon_api_key}}) {
        auto r = setting_locked(key);
        if (!r)
            return fail(r);
        *target = std::move(r.value);
    }
    if (auto locale = store_value(credential_keys::locale))
        s.locale = *locale;
    return {std::move(s), {}, {}};
}

RENAULT_DECL void session::set_login_token(const std::string& token, boost::system::error_code& ec)
{
    std::lock_guard lock(mutex_);
    options_.log.secrets().add_secret(token);
    replace_login_locked(token, ec);
}

RENAULT_DECL task<result<http::response>> session::gigya_call(const endpoint_info& endpoint, std::vector<std::string> values,
                                            std::string cookie, time_point deadline)
{
    auto root = setting(credential_keys::gigya_root_url);
    if (!root)
        co_return fail(root);
    auto left = time_left(deadline == time_point{} ? operation_deadline() : deadline);
    if (!left)
        co_return fail(left);
    auto req = protocol::gigya_request(endpoint, root.value, values);
    req.timeout = left.value;
    if (!cookie.empty())
        req.headers.push_back({"Cookie", std::move(cookie)});
    trace_request(req);
    auto [ec, response] = co_await send_request(std::move(req));
    if (ec)
        co_return fail(ec);
    trace_response(response, endpoint.path);
    server_diagnostics diag;
    if (auto cls = protocol::classify_gigya(response, diag)) {
        if (cls != errc::pending_two_factor)
            co_return fail(cls, std::move(diag));
        result<http::response> pending{std::move(response), cls, std::move(diag)};
        co_return pending;
    }
    co_return result<http::response>{std::move(response), {}, {}};
}

RENAULT_DECL task<result<none>> session::login(std::string login_id, std::string password)
{
    // The stored login stays until the new one succeeded: a wrong password, a network failure or
    // an unexpected answer leaves the store as it was.
    options_.log.secrets().add_secret(password);
    auto key = setting(credential_keys::gigya_api_key);
    if (!key)
        co_return fail(key);
    options_.log.info("Gigya login");
    auto answer = co_await gigya_call(endpoints::gigya_login::info, form_values(key.value, std::move(login_id), std::move(password)));
    std::string token;
    if (answer.ec == errc::pending_two_factor) {
        auto tfa = co_await two_factor(key.value, answer.value);
        if (!tfa)
            co_return fail(tfa);
        token = std::move(tfa.value);
    } else if (!answer) {
        co_return fail(answer);
    } else {
        auto body = decode_response<gigya_login_response>(answer.value, log());
        if (!body)
            co_return fail(body);
        if (!body.value.session_info || !body.value.session_info->cookie_value)
            co_return fail(errc::invalid_response, message_only("`sessionInfo.cookieValue` is missing in the login answer"));
        token = *body.value.session_info->cookie_value;
    }
    options_.log.secrets().add_secret(token);
    std::lock_guard lock(mutex_);
    boost::system::error_code ec;
    replace_login_locked(token, ec);
    if (ec)
        co_return fail(ec);
    co_return result<none>{};
}

RENAULT_DECL task<result<std::string>> session::person_id()
{
    if (auto id = cached(credential_keys::gigya_person_id))
        co_return result<std::string>{*id, {}, {}};
    auto key = setting(credential_keys::gigya_api_key);
    if (!key)
        co_return fail(key);
    auto token = login_token();
    if (!token)
        co_return fail(errc::not_authenticated, message_only("Gigya login token not available."));
    auto answer = co_await gigya_call(endpoints::gigya_account_info::info, form_values(key.value, *token));
    if (!answer)
        co_return fail(answer);
    auto body = decode_response<gigya_account_info_response>(answer.value, log());
    if (!body)
        co_return fail(body);
    if (!body.value.data || !body.value.data->person_id)
        co_return fail(errc::invalid_response, message_only("`data.personId` is missing in the getAccountInfo answer"));
    std::string id = *body.value.data->person_id;
    std::lock_guard lock(mutex_);
    boost::system::error_code ec;
    store().set(credential_keys::gigya_person_id, credential{id, {}}, ec);
    co_return result<std::string>{std::move(id), {}, {}};
}

RENAULT_DECL task<result<std::string>> session::jwt(time_point deadline)
{
    for (;;) {
        std::uint64_t generation = 0;
        {
            std::lock_guard lock(mutex_);
            if (!jwt_.empty() && now() + options_.jwt_margin < jwt_expiry_)
                co_return result<std::string>{jwt_, {}, {}};
            if (!refreshing_) {
                refreshing_ = true;
                break;
            }
            generation = refresh_generation_;
        }
        co_await wait_for([this](std::function<void()> resume) { add_refresh_waiter(std::move(resume)); });
        std::lock_guard lock(mutex_);
        if (refresh_generation_ != generation && last_refresh_.ec)
            co_return fail(last_refresh_.ec, last_refresh_.diagnostics);
    }
    auto fresh = co_await fetch_jwt(deadline == time_point{} ? operation_deadline() : deadline);
    std::vector<std::function<void()>> waiters;
    {
        std::lock_guard lock(mutex_);
        refreshing_ = false;
        ++refresh_generation_;
        last_refresh_ = fail(fresh);
        if (fresh) {
            jwt_ = fresh.value;
            auto exp = jwt_expiry(jwt_);
            jwt_expiry_ = exp ? *exp : now() + std::chrono::seconds(900);
        }
        waiters.swap(refresh_waiters_);
    }
    for (auto& w : waiters)
        w();
    co_return fresh;
}

RENAULT_DECL void session::invalidate_jwt(const std::string& rejected)
{
    std::lock_guard lock(mutex_);
    if (jwt_ == rejected) {
        jwt_.clear();
        boost::system::error_code ignored;
        store().erase(credential_keys::gigya_jwt, ignored);
    }
}

RENAULT_DECL result<protocol::kamereon_target> session::target(std::string account_id, std::string vin)
{
    auto s = settings();
    if (!s)
        return fail(s);
    protocol::kamereon_target t;
    t.root_url = std::move(s.value.kamereon_root_url);
    t.api_key = std::move(s.value.kamereon_api_key);
    t.country = std::move(s.value.country);
    t.account_id = std::move(account_id);
    t.vin = std::move(vin);
    return {std::move(t), {}, {}};
}

RENAULT_DECL task<result<http::response>> session::call(kamereon_call c)
{
    auto key = setting(credential_keys::kamereon_api_key);
    if (!key)
        co_return fail(key);
    bool refreshed = false;
    const time_point deadline = operation_deadline();
    for (int attempt = 1;; ++attempt) {
        if (auto blocked = admit(); blocked.ec)
            co_return fail(blocked);
        auto token = co_await jwt(deadline);
        if (!token)
            co_return fail(token);
        auto left = time_left(deadline);
        if (!left)
            co_return fail(left);
        http::request req = c.request;
        req.timeout = left.value;
        set_header(req, "Content-type", "application/vnd.api+json");
        set_header(req, "apikey", key.value);
        set_header(req, "x-gigya-id_token", token.value);
        trace_request(req);
        auto [ec, response] = co_await send_request(std::move(req));
        server_diagnostics diag;
        if (!ec) {
            trace_response(response, c.request.url);
            ec = protocol::classify_kamereon(response, diag);
            if (!ec)
                co_return result<http::response>{std::move(response), {}, {}};
        }
        if (ec == errc::jwt_unauthorized && !refreshed) {
            // The server rejected the request before acting: safe to repeat, actions included.
            options_.log.info("JWT rejected before its expiry: refreshing it and retrying once");
            invalidate_jwt(token.value);
            refreshed = true;
            --attempt;
            continue;
        }
        if (ec == errc::quota_limit) {
            start_cooldown(diag);
            co_return fail(ec, std::move(diag));
        }
        if (!c.is_action && ec == condition::transient && attempt < options_.retry.max_attempts) {
            const auto delay = backoff(attempt);
            if (deadline != time_point::max() && now() + delay >= deadline) {
                if (options_.log.enabled(log_level::info))
                    options_.log.info("not retrying " + std::string(http::method_name(c.request.method)) + " after " +
                                      describe(ec, diag) + ": the operation's deadline comes first");
                co_return fail(ec, std::move(diag));
            }
            if (options_.log.enabled(log_level::info))
                options_.log.info("retrying " + std::string(http::method_name(c.request.method)) + " after " +
                                  describe(ec, diag) + " in " + std::to_string(delay.count()) + " ms");
            co_await sleep_for(delay);
            continue;
        }
        if (c.is_action && (ec == errc::transport_error || ec == errc::timeout || ec == errc::invalid_response ||
                            ec == errc::response_too_large) && diag.message.empty())
            diag.message = "no usable answer came back, but the request may have reached the server: the car may have "
                           "acted; read its state before trying again";
        co_return fail(ec, std::move(diag));
    }
}

RENAULT_DECL session::time_point session::operation_deadline() const
{
    time_point deadline = time_point::max();
    if (options_.operation_timeout.count() > 0)
        deadline = now() + options_.operation_timeout;
    std::lock_guard lock(mutex_);
    if (deadline_ != time_point{})
        deadline = std::min(deadline, deadline_);
    return deadline;
}

RENAULT_DECL result<std::chrono::milliseconds> session::time_left(time_point deadline) const
{
    if (deadline == time_point::max())
        return {std::chrono::milliseconds{0}, {}, {}}; // no deadline: the backend's own timeouts
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now());
    if (left.count() > 0)
        return {left, {}, {}};
    const bool client_deadline = [&] {
        std::lock_guard lock(mutex_);
        return deadline_ != time_point{} && deadline == deadline_;
    }();
    const auto seconds = [](std::chrono::milliseconds d) { return std::to_string((d.count() + 999) / 1000); };
    return fail(errc::timeout,
                message_only(client_deadline ? std::string("the deadline set for this client has passed")
                                             : "the operation took longer than its deadline of " +
                                                   seconds(options_.operation_timeout) +
                                                   " s (client_options::operation_timeout; retries included)"));
}

RENAULT_DECL std::chrono::milliseconds session::backoff(int attempt) const
{
    const auto& p = options_.retry;
    double d = static_cast<double>(p.initial_delay.count()) * std::pow(p.multiplier, attempt - 1);
    d = std::min(d, static_cast<double>(p.max_delay.count()));
    d *= 1.0 + p.jitter * (2.0 * options_.random() - 1.0);
    return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, d)));
}

RENAULT_DECL void session::warn_once(const std::string& key, const std::string& message)
{
    {
        std::lock_guard lock(mutex_);
        if (std::find(warned_.begin(), warned_.end(), key) != warned_.end())
            return;
        warned_.push_back(key);
    }
    options_.log.warning(message);
}

RENAULT_DECL server_diagnostics session::message_only(std::string message)
{
    server_diagnostics d;
    d.message = std::move(message);
    return d;
}

RENAULT_DECL void session::set_header(http::request& req, std::string_view name, std::string value)
{
    for (auto& h : req.headers)
        if (http::iequals(h.name, name)) {
            h.value = std::move(value);
            return;
        }
    req.headers.push_back({std::string(name), std::move(value)});
}

RENAULT_DECL result<std::string> session::setting_locked(std::string_view key)
{
    auto option = [&]() -> const std::optional<std::string>* {
        if (key == credential_keys::country) return &options_.country;
        if (key == credential_keys::gigya_root_url) return &options_.gigya_root_url;
        if (key == credential_keys::gigya_api_key) return &options_.gigya_api_key;
        if (key == credential_keys::kamereon_root_url) return &options_.kamereon_root_url;
        if (key == credential_keys::kamereon_api_key) return &options_.kamereon_api_key;
        return nullptr;
    }();
    if (option && *option)
        return {**option, {}, {}};
    // A locale of this client only (store_locale false) decides before the store.
    const bool own_locale = !options_.locale.empty() && !options_.store_locale;
    if (key == credential_keys::locale && own_locale)
        return {options_.locale, {}, {}};
    if (auto value = store_value(key); value && !own_locale)
        return {*value, {}, {}};
    if (auto locale = own_locale ? std::optional<std::string>(options_.locale) : store_value(credential_keys::locale)) {
        boost::system::error_code ignored;
        auto keep = [&](std::string_view k, const std::string& v) {
            if (!own_locale)
                store().set(k, credential{v, {}}, ignored);
        };
        if (key == credential_keys::country && locale->size() >= 2) {
            std::string country(country_of(*locale));
            keep(credential_keys::country, country);
            return {std::move(country), {}, {}};
        }
        if (const locale_info* row = find_locale(*locale)) {
            std::string_view value = key == credential_keys::gigya_root_url      ? row->gigya_root_url
                                     : key == credential_keys::gigya_api_key     ? row->gigya_api_key
                                     : key == credential_keys::kamereon_root_url ? row->kamereon_root_url
                                     : key == credential_keys::kamereon_api_key  ? row->kamereon_api_key
                                                                                 : std::string_view{};
            if (!value.empty()) {
                keep(key, std::string(value));
                return {std::string(value), {}, {}};
            }
        } else {
            return fail(errc::locale_not_found,
                        message_only("locale `" + *locale + "` is not built in; fetch its configuration"));
        }
    }
    return fail(errc::missing_setting, message_only("setting `" + std::string(key) + "` is not known"));
}

RENAULT_DECL void session::clear_gigya_locked(boost::system::error_code& ec)
{
    jwt_.clear();
    store().clear_keys({credential_keys::gigya_jwt, credential_keys::gigya_login_token, credential_keys::gigya_person_id},
                       ec);
}

RENAULT_DECL void session::replace_login_locked(const std::string& token, boost::system::error_code& ec)
{
    std::vector<credential_store::entry> items;
    items.emplace_back(std::string(credential_keys::gigya_login_token), credential{token, {}});
    const std::array<std::string_view, 2> previous{credential_keys::gigya_jwt, credential_keys::gigya_person_id};
    store().update(std::move(items), previous, ec);
    if (!ec)
        jwt_.clear(); // the previous login's JWT: the next call fetches one for this login
}

RENAULT_DECL void session::add_refresh_waiter(std::function<void()> resume)
{
    {
        std::lock_guard lock(mutex_);
        if (refreshing_) {
            refresh_waiters_.push_back(std::move(resume));
            return;
        }
    }
    resume(); // the refresh ended between the check and the subscription
}

RENAULT_DECL task<result<std::string>> session::fetch_jwt(time_point deadline)
{
    auto key = setting(credential_keys::gigya_api_key);
    if (!key)
        co_return fail(key);
    auto token = login_token();
    if (!token)
        co_return fail(errc::not_authenticated, message_only("Gigya login token not available."));
    options_.log.debug("Gigya getJWT");
    auto answer = co_await gigya_call(endpoints::gigya_jwt::info, form_values(key.value, *token), {}, deadline);
    if (!answer) {
        if (answer.ec.category() == error_category() && find_server_error(static_cast<errc>(answer.ec.value())) &&
            find_server_error(static_cast<errc>(answer.ec.value()))->source == error_source::gigya) {
            if (answer.ec == errc::unauthorized_user || answer.ec == errc::unverified_user) {
                std::lock_guard lock(mutex_);
                boost::system::error_code ignored;
                clear_gigya_locked(ignored);
            }
            auto diag = answer.diagnostics;
            if (diag.message.empty())
                diag.message = "Authentication expired.";
            co_return fail(errc::not_authenticated, std::move(diag));
        }
        co_return fail(answer);
    }
    auto body = decode_response<gigya_jwt_response>(answer.value, log());
    if (!body)
        co_return fail(body);
    if (!body.value.id_token)
        co_return fail(errc::invalid_response, message_only("`id_token` is missing in the getJWT answer"));
    std::string jwt = *body.value.id_token;
    options_.log.secrets().add_secret(jwt);
    std::lock_guard lock(mutex_);
    boost::system::error_code ignored;
    store().set(credential_keys::gigya_jwt, make_jwt_credential(jwt), ignored);
    co_return result<std::string>{std::move(jwt), {}, {}};
}

RENAULT_DECL task<result<std::string>> session::two_factor(std::string api_key, http::response pending)
{
    auto login = decode_response<gigya_login_response>(pending, log());
    if (!login || !login.value.reg_token)
        co_return fail(errc::invalid_response, message_only("`regToken` is missing in the two-factor answer"));
    if (!options_.two_factor)
        co_return fail(errc::two_factor_required, message_only("the login needs a code sent by email"));
    const std::string reg_token = *login.value.reg_token;
    options_.log.secrets().add_secret(reg_token);
    options_.log.info("Gigya two-factor login");

    auto boot = co_await gigya_call(endpoints::gigya_web_sdk_bootstrap::info, form_values(api_key));
    if (!boot)
        co_return fail(boot);
    std::string cookie;
    for (const auto& h : boot.value.headers)
        if (http::iequals(h.name, "Set-Cookie") && h.value.starts_with("gmid="))
            cookie = h.value.substr(0, h.value.find(';'));

    auto init = co_await gigya_call(endpoints::gigya_tfa_init::info, form_values(api_key, reg_token), cookie);
    if (!init)
        co_return fail(init);
    auto assertion_body = decode_response<gigya_tfa_init_response>(init.value, log());
    if (!assertion_body || !assertion_body.value.gigya_assertion)
        co_return fail(errc::invalid_response, message_only("`gigyaAssertion` is missing in the initTFA answer"));
    const std::string assertion = *assertion_body.value.gigya_assertion;
    options_.log.secrets().add_secret(assertion);

    auto emails = co_await gigya_call(endpoints::gigya_tfa_emails::info, form_values(api_key, assertion), cookie);
    if (!emails)
        co_return fail(emails);
    auto emails_body = decode_response<gigya_tfa_emails_response>(emails.value, log());
    if (!emails_body || !emails_body.value.emails || emails_body.value.emails->empty() ||
        !emails_body.value.emails->front().id)
        co_return fail(errc::invalid_response, message_only("no email address for the two-factor code"));
    two_factor_challenge challenge;
    for (const auto& e : *emails_body.value.emails)
        challenge.emails.push_back(e.obfuscated.value_or(""));

    auto sent = co_await gigya_call(endpoints::gigya_tfa_send_code::info,
                                    form_values(api_key, assertion, *emails_body.value.emails->front().id), cookie);
    if (!sent)
        co_return fail(sent);
    auto sent_body = decode_response<gigya_tfa_code_sent_response>(sent.value, log());
    if (!sent_body || !sent_body.value.phv_token)
        co_return fail(errc::invalid_response, message_only("`phvToken` is missing in the sendVerificationCode answer"));
    const std::string phv_token = *sent_body.value.phv_token;
    options_.log.secrets().add_secret(phv_token);

    std::string provider_assertion;
    for (int attempt = 1;; ++attempt) {
        challenge.attempt = attempt;
        std::string code = options_.two_factor(challenge);
        if (code.empty())
            co_return fail(errc::two_factor_wrong_code, message_only("no verification code given"));
        options_.log.secrets().add_secret(code);
        auto verified = co_await gigya_call(endpoints::gigya_tfa_complete::info, form_values(api_key, assertion, phv_token, code),
                                            cookie);
        if (verified) {
            auto body = decode_response<gigya_tfa_verification_response>(verified.value, log());
            if (!body || !body.value.provider_assertion)
                co_return fail(errc::invalid_response,
                               message_only("`providerAssertion` is missing in the completeVerification answer"));
            provider_assertion = *body.value.provider_assertion;
            break;
        }
        if (verified.ec != errc::two_factor_wrong_code || attempt >= options_.two_factor_attempts)
            co_return fail(verified);
        challenge.previous_code_wrong = true;
    }
    options_.log.secrets().add_secret(provider_assertion);

    auto finalized = co_await gigya_call(endpoints::gigya_tfa_finalize::info,
                                         form_values(api_key, assertion, provider_assertion, reg_token), cookie);
    if (!finalized)
        co_return fail(finalized);
    auto registration = co_await gigya_call(endpoints::gigya_finalize_registration::info, form_values(api_key, reg_token), cookie);
    if (!registration)
        co_return fail(registration);
    auto body = decode_response<gigya_login_response>(registration.value, log());
    if (!body)
        co_return fail(body);
    if (!body.value.session_info || !body.value.session_info->cookie_value)
        co_return fail(errc::invalid_response,
                       message_only("`sessionInfo.cookieValue` is missing in the finalizeRegistration answer"));
    co_return result<std::string>{*body.value.session_info->cookie_value, {}, {}};
}

RENAULT_DECL result<none> session::admit()
{
    std::lock_guard lock(mutex_);
    const auto t = now();
    if (t < cooldown_until_) {
        server_diagnostics d;
        d.retry_after_seconds =
            std::chrono::duration_cast<std::chrono::seconds>(cooldown_until_ - t).count() + 1;
        d.message = "quota cooldown: " + std::to_string(d.retry_after_seconds) + " s left";
        return fail(errc::cooling_down, std::move(d));
    }
    const auto& b = options_.budget;
    if (b.requests > 0) {
        const double rate = static_cast<double>(b.requests) / static_cast<double>(b.period.count());
        if (budget_time_ == std::chrono::system_clock::time_point{}) {
            budget_tokens_ = b.requests;
        } else {
            const double elapsed = std::chrono::duration<double>(t - budget_time_).count();
            budget_tokens_ = std::min<double>(b.requests, budget_tokens_ + std::max(0.0, elapsed) * rate);
        }
        budget_time_ = t;
        if (budget_tokens_ < 1.0) {
            server_diagnostics d;
            d.retry_after_seconds = static_cast<long>(std::ceil((1.0 - budget_tokens_) / rate));
            d.message = "request budget of " + std::to_string(b.requests) + " per " +
                        std::to_string(b.period.count()) + " s spent; next request in " +
                        std::to_string(d.retry_after_seconds) + " s";
            return fail(errc::request_budget_exhausted, std::move(d));
        }
        budget_tokens_ -= 1.0;
    }
    return {};
}

RENAULT_DECL void session::start_cooldown(server_diagnostics& diag)
{
    std::lock_guard lock(mutex_);
    auto length = options_.quota_cooldown;
    if (diag.retry_after_seconds > 0)
        length = std::max(length, std::chrono::seconds(diag.retry_after_seconds));
    if (length.count() > 0) {
        cooldown_until_ = now() + length;
        diag.retry_after_seconds = length.count();
        options_.log.warning("quota limit reached: pausing requests for " + std::to_string(length.count()) + " s");
    }
}

} // namespace renault::detail
