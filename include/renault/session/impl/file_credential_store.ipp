// The definitions of session/file_credential_store.hpp. Included by that header in the
// header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/detail/file_ops.hpp>
#include <renault/error.hpp>
#include <renault/session/file_credential_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>

namespace renault {

namespace detail {

RENAULT_DECL bool append_python_json_string(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    auto escape_unit = [&](std::uint32_t unit) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(unit >> shift) & 0xFu];
    };
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20 || c == 0x7F)
                    escape_unit(c);
                else
                    out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // A multi-byte UTF-8 sequence: decode it, rejecting overlong forms, surrogates and > U+10FFFF.
        std::size_t length = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((c & 0xE0u) == 0xC0u) {
            length = 2, cp = c & 0x1Fu, min = 0x80;
        } else if ((c & 0xF0u) == 0xE0u) {
            length = 3, cp = c & 0x0Fu, min = 0x800;
        } else if ((c & 0xF8u) == 0xF0u) {
            length = 4, cp = c & 0x07u, min = 0x10000;
        } else {
            return false;
        }
        if (i + length > text.size())
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            escape_unit(0xD800 + (cp >> 10));
            escape_unit(0xDC00 + (cp & 0x3FFu));
        } else {
            escape_unit(cp);
        }
        i += length;
    }
    out += '"';
    return true;
}

RENAULT_DECL std::optional<std::string> credential_file_text(const credential_list& list)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : list) {
        if (!first)
            out += ", ";
        first = false;
        if (!append_python_json_string(out, key))
            return std::nullopt;
        out += ": ";
        if (!append_python_json_string(out, value.value))
            return std::nullopt;
    }
    out += '}';
    return out;
}

RENAULT_DECL std::string printable_key(std::string_view key)
{
    const bool printable =
        key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    return printable ? "\"" + std::string(key) + "\"" : std::string("a key");
}

RENAULT_DECL void read_credential_file(const std::filesystem::path& file, credential_list& list,
                                       boost::system::error_code& ec, std::string& why)
{
    ec.clear();
    list.clear();
    const std::string name = file.string();
    auto fail = [&](errc code, std::string reason) {
        ec = make_error_code(code);
        why = code == errc::credential_store_corrupt ? "the credential file " + name + " is corrupt: " + reason
                                                     : "cannot read the credential file " + name + ": " + reason;
    };

    std::string content;
    constexpr std::size_t max_size = 16u << 20; // far more than any credential file
    if (const int err = read_regular_file(file, content, max_size)) {
        if (err != ENOENT)
            fail(errc::credential_store_io, err == EISDIR ? "not a regular file" : system_reason(err));
        return;
    }
    if (content.size() > max_size)
        return fail(errc::credential_store_corrupt, "larger than 16 MiB");

    boost::system::error_code parse_ec;
    const boost::json::value root = boost::json::parse(content, parse_ec);
    if (parse_ec)
        return fail(errc::credential_store_corrupt, "not JSON (" + parse_ec.message() + ")");
    if (!root.is_object())
        return fail(errc::credential_store_corrupt, "not a JSON object of strings");
    const auto now = std::chrono::system_clock::now();
    for (const auto& item : root.get_object()) {
        const std::string_view key(item.key().data(), item.key().size());
        if (!item.value().is_string()) {
            list.clear();
            return fail(errc::credential_store_corrupt, "the value of " + printable_key(key) + " is not a string");
        }
        const auto& text = item.value().get_string();
        std::string value(text.data(), text.size());
        if (key == credential_keys::gigya_jwt) {
            credential jwt = make_jwt_credential(std::move(value));
            if (!jwt.expired(now)) // an expired or unreadable token is of no use: drop it
                put_entry(list, key, std::move(jwt));
        } else {
            put_entry(list, key, credential{std::move(value)});
        }
    }
}

} // namespace detail

RENAULT_DECL std::filesystem::path default_credential_path()
{
    return detail::home_directory() / ".credentials" / "renault-api.json";
}

RENAULT_DECL std::unique_ptr<file_credential_store> file_credential_store::open(std::filesystem::path file,
                                                                                boost::system::error_code& ec,
                                                                                std::string& message)
{
    detail::credential_list list;
    message.clear();
    detail::read_credential_file(file, list, ec, message);
    if (ec)
        return nullptr;
    return std::unique_ptr<file_credential_store>(new file_credential_store(std::move(file), std::move(list)));
}

RENAULT_DECL std::unique_ptr<file_credential_store> file_credential_store::open(std::filesystem::path file,
                                                                                boost::system::error_code& ec)
{
    std::string message;
    return open(std::move(file), ec, message);
}

RENAULT_DECL std::unique_ptr<file_credential_store> file_credential_store::open(std::filesystem::path file)
{
    boost::system::error_code ec;
    std::string message;
    auto store = open(std::move(file), ec, message);
    if (ec)
        throw error(ec, message);
    return store;
}

RENAULT_DECL std::optional<credential> file_credential_store::find(std::string_view key) const
{
    if (const auto* e = detail::find_entry(entries_, key))
        return e->second;
    return std::nullopt;
}

RENAULT_DECL void file_credential_store::set(std::string_view key, credential value, boost::system::error_code& ec)
{
    auto next = entries_;
    detail::put_entry(next, key, std::move(value));
    commit(std::move(next), ec);
}

RENAULT_DECL void file_credential_store::erase(std::string_view key, boost::system::error_code& ec)
{
    auto next = entries_;
    if (!detail::remove_entry(next, key)) {
        ec.clear();
        return;
    }
    commit(std::move(next), ec);
}

RENAULT_DECL void file_credential_store::set_many(std::vector<entry> items, boost::system::error_code& ec)
{
    auto next = entries_;
    for (auto& [key, value] : items)
        detail::put_entry(next, key, std::move(value));
    commit(std::move(next), ec);
}

RENAULT_DECL void file_credential_store::erase_many(std::span<const std::string_view> keys,
                                                    boost::system::error_code& ec)
{
    auto next = entries_;
    bool changed = false;
    for (const auto key : keys)
        changed = detail::remove_entry(next, key) || changed;
    if (!changed) {
        ec.clear();
        return;
    }
    commit(std::move(next), ec);
}

RENAULT_DECL std::string file_credential_store::describe_failure(const boost::system::error_code& ec) const
{
    return last_error_.empty() ? ec.message() : last_error_;
}

RENAULT_DECL void file_credential_store::commit(detail::credential_list next, boost::system::error_code& ec)
{
    ec.clear();
    last_error_.clear();
    const auto text = detail::credential_file_text(next);
    if (!text) {
        ec = make_error_code(errc::invalid_argument);
        last_error_ = "cannot write the credential file " + file_.string() + ": a key or value is not valid UTF-8";
        return;
    }
    if (const int err = detail::write_file_atomically(file_, *text)) {
        ec = make_error_code(errc::credential_store_io);
        last_error_ = "cannot write the credential file " + file_.string() + ": " + detail::system_reason(err);
        return;
    }
    entries_ = std::move(next);
}

} // namespace renault
