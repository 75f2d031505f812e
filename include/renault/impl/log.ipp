// The definitions of log.hpp: the redactor's masks, the logger and the request and response
// descriptions. Included by that header in the header-only mode, compiled once by
// <renault/src.hpp>.
#pragma once

#include <renault/http/url.hpp>
#include <renault/json_text.hpp>
#include <renault/log.hpp>
#include <renault/session/jwt.hpp>

#include <algorithm>

namespace renault {

namespace detail {

RENAULT_DECL std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from) noexcept
{
    if (needle.empty() || needle.size() > text.size())
        return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(text[i + k]) == ascii_lower(needle[k]))
            ++k;
        if (k == needle.size())
            return i;
    }
    return std::string_view::npos;
}

RENAULT_DECL std::size_t skip_blanks(std::string_view text, std::size_t i) noexcept
{
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        ++i;
    return i;
}

RENAULT_DECL std::string mask_literal(std::string_view text, std::string_view secret)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find(secret, pos)) != std::string_view::npos; pos = hit + secret.size()) {
        out.append(text.substr(pos, hit - pos));
        out.append(redaction_mask);
    }
    out.append(text.substr(pos));
    return out;
}

RENAULT_DECL std::string mask_jwts(std::string_view text)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = text.find("eyJ"); hit != std::string_view::npos; hit = text.find("eyJ", hit + 1)) {
        if (hit < pos || (hit > 0 && is_base64url_char(text[hit - 1])))
            continue;
        if (const std::size_t length = jwt_length_at(text, hit)) {
            out.append(text.substr(pos, hit - pos));
            out.append(redaction_mask);
            pos = hit + length;
        }
    }
    out.append(text.substr(pos));
    return out;
}

RENAULT_DECL std::string mask_json_field(std::string_view text, std::string_view field, bool escaped)
{
    const std::string_view quote = escaped ? "\\\"" : "\"";
    const std::string needle = std::string(quote) + std::string(field) + std::string(quote);
    // A closing quote is preceded by a run of backslashes whose length is even (plain) or 1 mod 4
    // (escaped: one backslash of its own after pairs that encode backslashes of the value).
    auto is_closing = [&](std::size_t quote_pos) {
        std::size_t run = 0;
        while (run < quote_pos && text[quote_pos - 1 - run] == '\\')
            ++run;
        return escaped ? run % 4 == 1 : run % 2 == 0;
    };
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find(needle, pos)) != std::string_view::npos;) {
        std::size_t i = skip_blanks(text, hit + needle.size());
        if (i >= text.size() || text[i] != ':') {
            out.append(text.substr(pos, hit + needle.size() - pos));
            pos = hit + needle.size();
            continue;
        }
        i = skip_blanks(text, i + 1);
        if (text.substr(i, quote.size()) == quote) {
            const std::size_t start = i + quote.size();
            std::size_t end = start;
            while (end < text.size() && !(text[end] == '"' && is_closing(end)))
                ++end;
            if (escaped && end < text.size())
                --end; // the backslash of the closing \"
            out.append(text.substr(pos, start - pos));
            out.append(redaction_mask);
            pos = std::min(end, text.size());
        } else if (!escaped && i < text.size() && (text[i] == '-' || (text[i] >= '0' && text[i] <= '9'))) {
            std::size_t end = i;
            while (end < text.size() && (std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos))
                ++end;
            out.append(text.substr(pos, i - pos));
            out.append(redaction_mask);
            pos = end;
        } else {
            out.append(text.substr(pos, i - pos));
            pos = i;
        }
    }
    out.append(text.substr(pos));
    return out;
}

RENAULT_DECL std::string mask_form_field(std::string_view text, std::string_view name)
{
    const std::string needle = std::string(name) + "=";
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = ifind(text, needle, 0); hit != std::string_view::npos;
         hit = ifind(text, needle, hit + 1)) {
        if (hit < pos || (hit > 0 && is_name_char(text[hit - 1])))
            continue;
        const std::size_t start = hit + needle.size();
        std::size_t end = start;
        while (end < text.size() && std::string_view("& \t\r\n\"'").find(text[end]) == std::string_view::npos)
            ++end;
        if (end == start || text.substr(start, redaction_mask.size()) == redaction_mask)
            continue;
        out.append(text.substr(pos, start - pos));
        out.append(redaction_mask);
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

RENAULT_DECL std::string mask_header_line(std::string_view text, std::string_view name)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = ifind(text, name, 0); hit != std::string_view::npos; hit = ifind(text, name, hit + 1)) {
        if (hit < pos || (hit > 0 && is_name_char(text[hit - 1])))
            continue;
        std::size_t i = hit + name.size();
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i >= text.size() || text[i] != ':')
            continue;
        ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        std::size_t end = i;
        while (end < text.size() && text[end] != '\r' && text[end] != '\n')
            ++end;
        if (end == i)
            continue;
        out.append(text.substr(pos, i - pos));
        out.append(redaction_mask);
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

RENAULT_DECL std::string json_escape(std::string_view value)
{
    std::string quoted;
    append_json_string(quoted, value);
    return quoted.substr(1, quoted.size() - 2);
}

} // namespace detail

RENAULT_DECL void redactor::add_secret(std::string value)
{
    if (value.size() < 4)
        return;
    std::lock_guard lock(*mutex_);
    auto add = [this](std::string v) {
        if (std::find(secrets_.begin(), secrets_.end(), v) == secrets_.end())
            secrets_.push_back(std::move(v));
    };
    add(http::percent_encode(value, true));
    add(http::percent_encode(value));
    add(detail::json_escape(value));
    add(std::move(value));
    // Longest first, so that a secret containing another is masked whole.
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

RENAULT_DECL std::string redactor::apply(std::string_view text) const
{
    std::string out(text);
    std::vector<std::string> secrets;
    {
        std::lock_guard lock(*mutex_);
        secrets = secrets_;
    }
    for (const auto& secret : secrets)
        out = detail::mask_literal(out, secret);
    out = detail::mask_jwts(out);
    for (const auto name : detail::secret_header_names)
        out = detail::mask_header_line(out, name);
    for (const auto field : detail::secret_json_fields) {
        out = detail::mask_json_field(out, field, false);
        out = detail::mask_json_field(out, field, true);
    }
    for (const auto name : detail::secret_form_fields)
        out = detail::mask_form_field(out, name);
    return out;
}

RENAULT_DECL void logger::log(log_level level, std::string_view message) const noexcept
{
    if (!enabled(level))
        return;
    try {
        sink_(level, secrets_.apply(message));
    } catch (...) {
    }
}

namespace detail {

RENAULT_DECL void append_headers(std::string& text, const http::headers& headers)
{
    if (headers.empty())
        return;
    text += " headers: ";
    bool first = true;
    for (const auto& h : headers) {
        if (!first)
            text += ", ";
        first = false;
        text += h.name;
        text += '=';
        const bool secret = std::any_of(secret_header_names.begin(), secret_header_names.end(),
                                        [&](std::string_view name) { return http::iequals(h.name, name); });
        text += secret ? std::string_view(redaction_mask) : std::string_view(h.value);
    }
}

} // namespace detail

RENAULT_DECL std::string describe_request(const http::request& req)
{
    std::string text(http::method_name(req.method));
    text += ' ';
    text += req.url;
    detail::append_headers(text, req.headers);
    if (!req.body.empty()) {
        text += " body: ";
        text += req.body;
    }
    return redactor{}.apply(text);
}

RENAULT_DECL std::string describe_response(const http::response& res, std::string_view url)
{
    std::string text = "HTTP " + std::to_string(res.status) + " from ";
    text += url;
    detail::append_headers(text, res.headers);
    if (!res.body.empty()) {
        text += " body: ";
        text += res.body;
    }
    return redactor{}.apply(text);
}

} // namespace renault
