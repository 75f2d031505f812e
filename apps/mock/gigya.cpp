// renault-mock's Gigya side: the API key check, login (with or without the two-factor flow),
// getAccountInfo and getJWT (which mints the JWT the Kamereon side accepts).
#include "api.hpp"

namespace renault::mock {
namespace {

using system_clock = std::chrono::system_clock;

/// A Gigya error answer (HTTP 200, the error in the body).
std::string gigya_error(long code, std::string_view message, std::string_view details, int status, std::string_view reason)
{
    json::object body{
        {"callId", "callId"},         {"errorCode", code},     {"errorDetails", details},
        {"errorMessage", message},    {"apiVersion", 2},       {"statusCode", status},
        {"statusReason", reason},     {"time", iso_time(system_clock::now())},
    };
    return to_json_text(body);
}

} // namespace

template <class Pred>
pending_login* mock_api::pending_by(Pred pred)
{
    for (auto& p : pending_)
        if (pred(p))
            return &p;
    return nullptr;
}

template <class Param>
void mock_api::two_factor_step(std::string_view key, Param& param, reply& out)
{
    auto invalid = [&](std::string_view name) {
        out.body = gigya_error(400006, "Invalid parameter value", "Invalid parameter value: " + std::string(name), 400,
                               "Bad Request");
    };
    if (key == "gigya/web-sdk-bootstrap") {
        out.body = to_json_text(fixture_value("gigya/tfa/web_sdk_bootstrap.json"));
        out.headers.emplace_back("Set-Cookie", "gmid=gmid-" + tokens_.hex(32) + "; Path=/; HttpOnly");
        return;
    }
    if (key == "gigya/tfa-init") {
        pending_login* p = pending_by([&](const pending_login& l) { return l.reg_token == param("regToken"); });
        if (!p)
            return invalid("regToken");
        if (param("provider") != "gigyaEmail")
            return invalid("provider");
        p->gigya_assertion = "assertion-" + tokens_.hex(32);
        json::value body = fixture_value("gigya/tfa/init_tfa.json");
        body.as_object()["gigyaAssertion"] = p->gigya_assertion;
        out.body = to_json_text(body);
        return;
    }
    pending_login* p = pending_by([&](const pending_login& l) {
        return !l.gigya_assertion.empty() && l.gigya_assertion == param("gigyaAssertion");
    });
    if (key == "gigya/finalize-registration") {
        p = pending_by([&](const pending_login& l) { return l.reg_token == param("regToken"); });
        if (!p || !p->finalized)
            return invalid("regToken");
        user_state* user = p->user;
        user->two_factor_passed = false;
        erase_pending(p);
        out.body = login_answer(*user, "gigya/tfa/finalize_registration.json");
        return;
    }
    if (!p)
        return invalid("gigyaAssertion");
    if (key == "gigya/tfa-emails") {
        out.body = to_json_text(fixture_value("gigya/tfa/get_emails.json"));
        return;
    }
    if (key == "gigya/tfa-send-code") {
        bool known = false;
        const json::value emails = fixture_value("gigya/tfa/get_emails.json");
        if (const json::value* list = emails.as_object().if_contains("emails"); list && list->is_array())
            for (const auto& e : list->get_array())
                known = known || (e.is_object() && string_member(&e.get_object(), "id") == param("emailID"));
        if (!known)
            return invalid("emailID");
        p->phv_token = "phv-" + tokens_.hex(32);
        json::value body = fixture_value("gigya/tfa/send_verification_code.json");
        body.as_object()["phvToken"] = p->phv_token;
        out.body = to_json_text(body);
        return;
    }
    if (key == "gigya/tfa-complete") {
        if (p->phv_token.empty() || param("phvToken") != p->phv_token)
            return invalid("phvToken");
        const auto& settings = p->user->config->two_factor;
        if (p->wrong_codes >= settings.max_wrong_codes) {
            out.auth = "two_factor_too_many_attempts";
            answer_fixture(out, {"gigya/error/complete_verification.too_many_attempts.json", 200});
            return;
        }
        if (param("code") != settings.code) {
            ++p->wrong_codes;
            out.auth = "two_factor_wrong_code";
            answer_fixture(out, {"gigya/error/complete_verification.wrong_code.json", 200});
            return;
        }
        p->verified = true;
        p->provider_assertion = "provider-" + tokens_.hex(32);
        json::value body = fixture_value("gigya/tfa/complete_verification.json");
        body.as_object()["providerAssertion"] = p->provider_assertion;
        out.body = to_json_text(body);
        return;
    }
    if (key == "gigya/tfa-finalize") {
        if (!p->verified || param("providerAssertion") != p->provider_assertion)
            return invalid("providerAssertion");
        if (param("regToken") != p->reg_token)
            return invalid("regToken");
        p->finalized = true;
        p->user->two_factor_passed = true;
        out.body = to_json_text(fixture_value("gigya/tfa/finalize_tfa.json"));
        return;
    }
    invalid("method");
}

void mock_api::gigya(const route& r, const incoming& in, const http::query_params& query, reply& out)
{
    out.content_type = std::string(gigya_json);
    http::query_params params = query;
    if (!in.body.empty()) {
        for (auto& field : http::parse_query(in.body)) {
            out.form_fields.push_back(field.first);
            params.push_back(std::move(field));
        }
    }
    auto param = [&](std::string_view name) -> std::string {
        for (const auto& [n, v] : params)
            if (n == name)
                return v;
        return {};
    };

    if (apply_gateway_faults(r, out))
        return;
    if (!r.def) {
        out.status = 404;
        out.body = gigya_error(400096, "Invalid method", "Unknown method " + r.gigya_method, 404, "Not Found");
        return;
    }
    std::string api_key;
    for (const auto& [n, v] : params)
        if (lowercase(n) == "apikey")
            api_key = v;
    if (std::find(scenario_.gigya_api_keys.begin(), scenario_.gigya_api_keys.end(), api_key) ==
        scenario_.gigya_api_keys.end()) {
        out.auth = api_key.empty() ? "gigya_api_key_missing" : "gigya_api_key_wrong";
        out.body = gigya_error(400093, "Invalid ApiKey parameter", "Invalid ApiKey parameter", 400, "Bad Request");
        return;
    }

    const std::string_view key = r.def->key;
    if (key == "gigya/login")
        return gigya_login(param("loginID"), param("password"), out);
    if (key == "gigya/account-info" || key == "gigya/jwt") {
        user_state* user = user_by_token(param("login_token"));
        if (!user) {
            out.auth = "login_token_invalid";
            answer_fixture(out, {"gigya/error/get_jwt.403005.json", 200});
            return;
        }
        if (fault_state* f = fire(r, {fault_kind::login_token_expired})) {
            answer_fixture(out, f->config->answer);
            out.fault = "login_token_expired";
            return;
        }
        json::value body = fixture_value(key == "gigya/jwt" ? "gigya/get_jwt.json" : "gigya/get_account_info.json");
        if (key == "gigya/jwt")
            body.as_object()["id_token"] = mint_jwt(*user, api_key);
        else
            object_member(body.as_object(), "data")["personId"] = user->config->person_id;
        out.body = to_json_text(body);
        return;
    }
    two_factor_step(key, param, out);
}

void mock_api::gigya_login(const std::string& login, const std::string& password, reply& out)
{
    user_state* user = nullptr;
    for (auto& u : users_)
        if (u.config->login == login && u.config->password == password)
            user = &u;
    if (!user) {
        out.auth = "wrong_login_or_password";
        answer_fixture(out, {"gigya/error/login.403042.json", 200});
        return;
    }
    if (user->config->two_factor.enabled && !user->two_factor_passed) {
        pending_login p;
        p.user = user;
        p.reg_token = "reg-" + tokens_.hex(32);
        json::value body = fixture_value("gigya/error/login.403101.json");
        body.as_object()["regToken"] = p.reg_token;
        pending_.push_back(std::move(p));
        if (pending_.size() > 64) // forget abandoned logins
            pending_.erase(pending_.begin());
        out.body = to_json_text(body);
        return;
    }
    user->two_factor_passed = false;
    out.body = login_answer(*user, "gigya/login.json");
}

std::string mock_api::login_answer(const user_state& user, const std::string& fixture)
{
    json::value body = fixture_value(fixture);
    object_member(body.as_object(), "sessionInfo")["cookieValue"] = user.config->login_token;
    return to_json_text(body);
}

void mock_api::erase_pending(pending_login* p)
{
    pending_.erase(pending_.begin() + (p - pending_.data()));
}

user_state* mock_api::user_by_token(const std::string& token)
{
    if (token.empty())
        return nullptr;
    for (auto& u : users_)
        if (u.config->login_token == token)
            return &u;
    return nullptr;
}

std::string mock_api::mint_jwt(const user_state& user, const std::string& api_key)
{
    const std::int64_t now = unix_seconds();
    const json::object claims{
        {"iss", "https://fidm.gigya.com/jwt/" + api_key + "/"},
        {"apiKey", api_key},
        {"iat", now},
        {"exp", now + scenario_.jwt_lifetime_seconds},
        {"sub", "UID"},
        {"data.personId", user.config->person_id},
        {"data.gigyaDataCenter", "eu1"},
        {"jti", tokens_.hex(16)},
    };
    return jwt_.sign(claims);
}

} // namespace renault::mock
