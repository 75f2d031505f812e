// The definitions of protocol/response.hpp, and the JSON helpers they use. Included by that
// header in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/protocol/response.hpp>

#if !RENAULT_HEADER_ONLY
#include <boost/json/basic_parser_impl.hpp>
#else
#include <boost/json/parser.hpp>
#endif
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <cstdint>

namespace renault::protocol {

namespace detail {

RENAULT_DECL bool icontains(std::string_view text, std::string_view needle) noexcept
{
    if (needle.size() > text.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
        if (http::iequals(text.substr(i, needle.size()), needle))
            return true;
    return false;
}

RENAULT_DECL std::string_view trim_front(std::string_view body) noexcept
{
    if (body.substr(0, 3) == "\xEF\xBB\xBF")
        body.remove_prefix(3);
    while (!body.empty() && is_space(body.front()))
        body.remove_prefix(1);
    return body;
}

RENAULT_DECL std::string visible_text(std::string_view body)
{
    std::string text;
    text.reserve(body.size() < 4096 ? body.size() : 4096);
    auto space = [&] {
        if (!text.empty() && text.back() != ' ')
            text += ' ';
    };
    std::size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        const bool tag_start = c == '<' && i + 1 < body.size() &&
                               (is_alpha(body[i + 1]) || body[i + 1] == '/' || body[i + 1] == '!' || body[i + 1] == '?');
        if (!tag_start) {
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
                space();
            else
                text += c;
            ++i;
            continue;
        }
        std::string_view rest = body.substr(i);
        std::size_t end = std::string_view::npos;
        if (rest.substr(0, 4) == "<!--") {
            end = rest.find("-->", 4);
            end = end == std::string_view::npos ? end : end + 3;
        } else {
            end = rest.find('>');
            end = end == std::string_view::npos ? end : end + 1;
            // Script and style contents are not text a reader sees.
            for (std::string_view element : {std::string_view("script"), std::string_view("style")}) {
                if (end == std::string_view::npos || rest.size() < element.size() + 2 ||
                    !http::iequals(rest.substr(1, element.size()), element))
                    continue;
                const char after = rest[1 + element.size()];
                if (after != '>' && !is_space(after))
                    continue;
                std::size_t close = end;
                while (close < rest.size()) {
                    close = rest.find("</", close);
                    if (close == std::string_view::npos || http::iequals(rest.substr(close + 2, element.size()), element))
                        break;
                    close += 2;
                }
                end = close == std::string_view::npos ? close : rest.find('>', close);
                end = end == std::string_view::npos ? end : end + 1;
            }
        }
        if (end == std::string_view::npos)
            break; // an unterminated tag or comment: the rest is markup
        space();
        i += end;
    }
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

RENAULT_DECL bool holds_jwt(std::string_view run) noexcept
{
    for (std::size_t at = run.find("eyJ"); at != std::string_view::npos; at = run.find("eyJ", at + 1)) {
        std::string_view jwt = run.substr(at);
        const std::size_t first = jwt.find('.');
        if (first == std::string_view::npos || first == 0)
            continue;
        const std::size_t second = jwt.find('.', first + 1);
        if (second != std::string_view::npos && second > first + 1)
            return true;
    }
    return false;
}

RENAULT_DECL std::string redact(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_token_char(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_token_char(text[end]))
            ++end;
        std::string_view run = text.substr(i, end - i);
        if (run.size() >= 32 || holds_jwt(run))
            out += "<redacted>";
        else
            out += run;
        i = end;
    }
    return out;
}

/// A JSON number or string as text ("403042", "err.func.403"); empty for anything else.
RENAULT_DECL std::string code_text(const boost::json::value* v)
{
    if (!v)
        return {};
    if (v->is_string())
        return std::string(v->get_string());
    if (v->is_int64())
        return std::to_string(v->get_int64());
    if (v->is_uint64())
        return std::to_string(v->get_uint64());
    if (v->is_double()) {
        const double d = v->get_double();
        if (d >= -9.0e15 && d <= 9.0e15 && d == static_cast<double>(static_cast<std::int64_t>(d)))
            return std::to_string(static_cast<std::int64_t>(d));
        return boost::json::serialize(*v);
    }
    return {};
}

/// A JSON string as text; another non-null value as its JSON text; empty for null or absent.
RENAULT_DECL std::string message_text(const boost::json::value* v)
{
    if (!v || v->is_null())
        return {};
    if (v->is_string())
        return std::string(v->get_string());
    return boost::json::serialize(*v);
}

RENAULT_DECL long retry_after_seconds(const http::response& r) noexcept
{
    const std::string* header = r.header("Retry-After");
    if (!header)
        return 0;
    std::string_view text = *header;
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    if (text.empty() || text.size() > 9)
        return 0;
    long seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc{} || end != text.data() + text.size() || seconds < 0)
        return 0;
    return seconds;
}

/// Parses a JSON body without throwing; a null value when it is not JSON.
RENAULT_DECL boost::json::value parse(std::string_view text, boost::json::storage_ptr storage)
{
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::value v = boost::json::parse(text, ec, std::move(storage), options);
    if (ec)
        return nullptr;
    return v;
}

#if !RENAULT_HEADER_ONLY
/// A handler that builds nothing: basic_parser with it only checks that a body is valid JSON,
/// much cheaper than a DOM for the success bodies that carry no errors[].
struct validate_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) { return true; }
    bool on_object_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_key_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_key(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_uint64(std::uint64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_double(double, std::string_view, boost::system::error_code&) { return true; }
    bool on_bool(bool, boost::system::error_code&) { return true; }
    bool on_null(boost::system::error_code&) { return true; }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }
};

/// Whether `text` is one complete JSON value (nesting ≤ 64), without building it.
RENAULT_DECL bool is_valid_json(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::basic_parser<validate_handler> parser(options);
    boost::system::error_code ec;
    const auto n = parser.write_some(false, text.data(), text.size(), ec);
    return !ec && n == text.size() && parser.done();
}

#else
/// Whether `text` is one complete JSON value (nesting ≤ 64). The header-only mode checks with the
/// parser libboost_json has compiled (it builds a DOM, thrown away), so that a user's translation
/// unit does not compile Boost.JSON's basic_parser for this check (model/impl/decode_checked.ipp
/// does the same for decoding). Same answer as the compiled mode's check, which builds nothing.
RENAULT_DECL bool is_valid_json(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::monotonic_resource storage;
    boost::json::parser parser(boost::json::storage_ptr(), options);
    parser.reset(&storage);
    boost::system::error_code ec;
    const auto n = parser.write_some(text.data(), text.size(), ec);
    return !ec && n == text.size();
}
#endif

} // namespace detail

RENAULT_DECL std::string excerpt(std::string_view body, std::size_t max)
{
    std::string text = detail::redact(detail::visible_text(body));
    if (text.size() <= max)
        return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    // Never show half a "<redacted>" marker.
    const std::size_t marker = text.rfind("<redacted>", cut);
    if (marker != std::string::npos && marker < cut && marker + 10 > cut)
        cut = marker;
    text.resize(cut);
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    text += "\xE2\x80\xA6"; // …
    return text;
}

RENAULT_DECL std::string kamereon_error_details(std::string_view error_message)
{
    boost::json::monotonic_resource storage;
    const boost::json::value doc = detail::parse(error_message, &storage);
    const boost::json::object* root = doc.if_object();
    const boost::json::value* errors = root ? root->if_contains("errors") : nullptr;
    if (!errors || !errors->is_array())
        return std::string(error_message);

    std::string details;
    for (const auto& item : errors->get_array()) {
        const boost::json::object* entry = item.if_object();
        if (!entry)
            continue;
        const boost::json::value* pointer = nullptr;
        if (const auto* source = entry->if_contains("source"); source && source->is_object())
            pointer = source->get_object().if_contains("pointer");
        std::string line;
        for (const boost::json::value* part : {entry->if_contains("title"), pointer, entry->if_contains("detail")}) {
            if (!part || !part->is_string() || part->get_string().empty())
                continue;
            if (!line.empty())
                line += ' ';
            line += part->get_string();
        }
        if (line.empty())
            continue;
        if (!details.empty())
            details += ", ";
        details += line;
    }
    return details.empty() ? std::string(error_message) : details;
}

RENAULT_DECL boost::system::error_code classify_kamereon(const http::response& r, server_diagnostics& diag)
{
    diag = {};
    auto fail = [&](errc e) -> boost::system::error_code {
        diag.http_status = r.status;
        if (e == errc::quota_limit)
            diag.retry_after_seconds = detail::retry_after_seconds(r);
        return e;
    };
    auto unusable_body = [&] {
        diag.excerpt = excerpt(r.body);
        return fail(r.status == 429 ? errc::quota_limit : errc::invalid_response);
    };
    auto by_status = [&]() -> boost::system::error_code {
        if (r.status == 429)
            return fail(errc::quota_limit);
        if (r.status >= 400) {
            diag.excerpt = excerpt(r.body);
            return fail(errc::http_status);
        }
        return {};
    };

    const std::string_view body = detail::trim_front(r.body);
    if (body.empty() || (body.front() != '{' && body.front() != '['))
        return unusable_body();

    // The common case — a success body without errors[] — is only validated, not built.
    if (body.front() == '[' || body.find("\"errors\"") == std::string_view::npos) {
        if (!detail::is_valid_json(body))
            return unusable_body();
        return by_status();
    }

    unsigned char buffer[4096];
    boost::json::monotonic_resource storage(buffer, sizeof buffer);
    const boost::json::value doc = detail::parse(body, &storage);
    if (doc.is_null())
        return unusable_body();

    const boost::json::value* errors = doc.get_object().if_contains("errors");
    if (!errors || !errors->is_array() || errors->get_array().empty())
        return by_status();

    const boost::json::object* first = errors->get_array().front().if_object();
    if (first) {
        diag.code = detail::code_text(first->if_contains("errorCode"));
        diag.message = detail::message_text(first->if_contains("errorMessage"));
        diag.details = kamereon_error_details(diag.message);
    }
    const server_error_info* row = find_server_error(std::string_view(diag.code));
    if (row && row->source == error_source::kamereon)
        return fail(row->value);
    // A code the table does not know still means "slow down" when it comes with HTTP 429.
    return fail(r.status == 429 ? errc::quota_limit : errc::kamereon_error);
}

RENAULT_DECL boost::system::error_code classify_gigya(const http::response& r, server_diagnostics& diag)
{
    diag = {};
    unsigned char buffer[4096];
    boost::json::monotonic_resource storage(buffer, sizeof buffer);
    const boost::json::value doc = detail::parse(detail::trim_front(r.body), &storage);
    const boost::json::object* root = doc.if_object();
    if (!root) {
        diag.message = "Gigya responded with invalid JSON";
        diag.http_status = r.status;
        diag.excerpt = excerpt(r.body);
        return errc::invalid_response;
    }

    std::int64_t code = 0;
    if (const boost::json::value* v = root->if_contains("errorCode")) {
        const std::string text = detail::code_text(v);
        std::int64_t parsed = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (ec == std::errc{} && end == text.data() + text.size())
            code = parsed;
    }
    if (code > 0) {
        diag.code = std::to_string(code);
        diag.message = detail::message_text(root->if_contains("errorMessage"));
        diag.details = detail::message_text(root->if_contains("errorDetails"));
        diag.http_status = r.status;
        for (std::string_view said : {std::string_view(diag.details), std::string_view(diag.message)}) {
            if (detail::icontains(said, "wrong verification code") || detail::icontains(said, "invalid verification code"))
                return errc::two_factor_wrong_code;
            if (detail::icontains(said, "maximum allowed tries") || detail::icontains(said, "too many"))
                return errc::two_factor_too_many_attempts;
        }
        const server_error_info* row = find_server_error(std::string_view(diag.code));
        if (row && row->source == error_source::gigya)
            return row->value;
        return errc::gigya_error;
    }
    if (r.status >= 400) {
        diag.http_status = r.status;
        diag.excerpt = excerpt(r.body);
        return errc::http_status;
    }
    return {};
}

} // namespace renault::protocol
