// The definitions of session/file_credential_store.hpp. Included by that header in the
// header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/detail/file_ops.hpp>
#include <renault/error.hpp>
#include <renault/json_text.hpp>
#include <renault/session/file_credential_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>

namespace renault {

namespace detail {

RENAULT_DECL std::optional<std::string> credential_file_text(const credential_list& list)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : list) {
        if (!first)
            out += ", ";
        first = false;
        if (!append_json_string(out, key, json_charset::ascii))
            return std::nullopt;
        out += ": ";
        if (!append_json_string(out, value.value, json_charset::ascii))
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
