// The definitions of session/file_credential_store.hpp. Included by that header in the
// header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/detail/file_ops.hpp>
#include <renault/error.hpp>
#include <renault/json_text.hpp>
#include <renault/session/file_credential_store.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>

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

// What the parser of a credential file reports, one call per token (Boost.JSON's basic_parser):
// unlike a parse into a boost::json::value, it sees every key, so a key given twice is an error
// and not a silent "the last one wins".
class credential_file_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    /// What stopped the parse, when the handler stopped it.
    enum class problem { none, not_object, not_string, duplicate_key };

    explicit credential_file_handler(credential_list& list) : list_(list) {}

    problem found() const noexcept { return problem_; }
    /// The key whose value is not a string, or that appears twice.
    const std::string& problem_key() const noexcept { return key_; }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code& ec)
    {
        if (depth_ > 0)
            return stop(ec, depth_ == 1 ? problem::not_string : problem::none);
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t, boost::system::error_code&)
    {
        --depth_;
        return true;
    }
    bool on_array_begin(boost::system::error_code& ec) { return scalar(ec); }
    bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&)
    {
        key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code& ec)
    {
        key_.append(s.data(), s.size());
        if (std::find(seen_.begin(), seen_.end(), key_) != seen_.end())
            return stop(ec, problem::duplicate_key);
        seen_.push_back(key_);
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&)
    {
        value_.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec)
    {
        if (depth_ != 1)
            return scalar(ec);
        value_.append(s.data(), s.size());
        if (key_ == credential_keys::gigya_jwt) {
            credential jwt = make_jwt_credential(std::move(value_));
            if (!jwt.expired(now_)) // an expired or unreadable token is of no use: drop it
                put_entry(list_, key_, std::move(jwt));
        } else {
            put_entry(list_, key_, credential{std::move(value_)});
        }
        key_.clear();
        value_.clear();
        return true;
    }
    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code& ec) { return scalar(ec); }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code& ec) { return scalar(ec); }
    bool on_double(double, boost::json::string_view, boost::system::error_code& ec) { return scalar(ec); }
    bool on_bool(bool, boost::system::error_code& ec) { return scalar(ec); }
    bool on_null(boost::system::error_code& ec) { return scalar(ec); }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

private:
    // A value other than a string inside the object, or any value where the object should be.
    bool scalar(boost::system::error_code& ec)
    {
        return stop(ec, depth_ == 0 ? problem::not_object : problem::not_string);
    }

    bool stop(boost::system::error_code& ec, problem p)
    {
        if (p != problem::none)
            problem_ = p;
        ec = boost::json::error::syntax;
        return false;
    }

    credential_list& list_;
    const std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
    int depth_ = 0;
    problem problem_ = problem::none;
    std::string key_;
    std::string value_;
    std::vector<std::string> seen_;
};

RENAULT_DECL void read_credential_file(const std::filesystem::path& file, credential_list& list,
                                       boost::system::error_code& ec, std::string& why, unsigned* permissions)
{
    ec.clear();
    list.clear();
    if (permissions)
        *permissions = 0;
    const std::string name = file.string();
    auto fail = [&](errc code, std::string reason) {
        list.clear();
        ec = make_error_code(code);
        why = code == errc::credential_store_corrupt ? "the credential file " + name + " is corrupt: " + reason
                                                     : "cannot read the credential file " + name + ": " + reason;
    };

    std::string content;
    constexpr std::size_t max_size = 16u << 20; // far more than any credential file
    if (const int err = read_regular_file(file, content, max_size, permissions)) {
        if (err != ENOENT)
            fail(errc::credential_store_io,
                 err == EISDIR ? "not a regular file" : system_reason(err));
        return;
    }
    if (content.size() > max_size)
        return fail(errc::credential_store_corrupt, "larger than 16 MiB");

    boost::json::basic_parser<credential_file_handler> parser(boost::json::parse_options{}, list);
    boost::system::error_code parse_ec;
    const std::size_t used = parser.write_some(false, content.data(), content.size(), parse_ec);
    if (!parse_ec && used < content.size())
        parse_ec = boost::json::error::extra_data;
    if (!parse_ec)
        return;
    const auto& handler = parser.handler();
    switch (handler.found()) {
    case credential_file_handler::problem::not_object:
        return fail(errc::credential_store_corrupt, "not a JSON object of strings");
    case credential_file_handler::problem::not_string:
        return fail(errc::credential_store_corrupt,
                    "the value of " + printable_key(handler.problem_key()) + " is not a string");
    case credential_file_handler::problem::duplicate_key:
        return fail(errc::credential_store_corrupt,
                    printable_key(handler.problem_key()) + " appears more than once (which value holds is unknown)");
    case credential_file_handler::problem::none:
        break;
    }
    fail(errc::credential_store_corrupt, "not JSON (" + parse_ec.message() + ")");
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
    unsigned permissions = 0;
    detail::read_credential_file(file, list, ec, message, &permissions);
    if (ec)
        return nullptr;
    std::unique_ptr<file_credential_store> store(new file_credential_store(std::move(file), std::move(list)));
    if (detail::writable_by_others(permissions)) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", permissions & 07777u);
        store->warning_ = "the credential file " + store->file_.string() + " is writable by its group or others (mode " +
                          mode + "); it holds your login: run chmod 600 on it";
    }
    return store;
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
    std::vector<entry> items;
    items.emplace_back(std::string(key), std::move(value));
    change(std::move(items), {}, ec);
}

RENAULT_DECL void file_credential_store::erase(std::string_view key, boost::system::error_code& ec)
{
    change({}, std::span<const std::string_view>(&key, 1), ec);
}

RENAULT_DECL void file_credential_store::set_many(std::vector<entry> items, boost::system::error_code& ec)
{
    change(std::move(items), {}, ec);
}

RENAULT_DECL void file_credential_store::erase_many(std::span<const std::string_view> keys,
                                                    boost::system::error_code& ec)
{
    change({}, keys, ec);
}

RENAULT_DECL void file_credential_store::update(std::vector<entry> items, std::span<const std::string_view> erased,
                                                boost::system::error_code& ec)
{
    change(std::move(items), erased, ec);
}

RENAULT_DECL std::string file_credential_store::describe_failure(const boost::system::error_code& ec) const
{
    return last_error_.empty() ? ec.message() : last_error_;
}

RENAULT_DECL void file_credential_store::change(std::vector<entry> items, std::span<const std::string_view> erased,
                                                boost::system::error_code& ec)
{
    ec.clear();
    last_error_.clear();
    const std::string name = file_.string();
    auto fail = [&](errc code, const std::string& reason) {
        ec = make_error_code(code);
        last_error_ = "cannot write the credential file " + name + ": " + reason;
    };

    // A symbolic link stays: the file it leads to is locked, read and replaced.
    std::filesystem::path target;
    if (const int err = detail::resolve_symbolic_links(file_, target))
        return fail(errc::credential_store_io, detail::system_reason(err));
    detail::file_lock lock;
    const std::filesystem::path lock_file = target.native() + ".lock";
    if (const int err = lock.lock(lock_file, detail::credential_lock_timeout)) {
        const std::string seconds = std::to_string(detail::credential_lock_timeout.count() / 1000);
        return fail(errc::credential_store_io,
                    err == EWOULDBLOCK ? "still locked by another process after " + seconds + " s (" + lock_file.string() + ")"
                    : err == EISDIR    ? "its lock file " + lock_file.string() + " is not a regular file"
                                       : "cannot lock " + lock_file.string() + ": " + detail::system_reason(err));
    }

    // The change applies to the file as it is now: what other stores wrote since this one read it stays.
    detail::credential_list next;
    std::string why;
    detail::read_credential_file(file_, next, ec, why);
    if (ec) {
        last_error_ = std::move(why); // a file that cannot be loaded is never overwritten
        return;
    }
    bool changed = false;
    for (const auto key : erased)
        if (std::none_of(items.begin(), items.end(), [&](const entry& e) { return e.first == key; }))
            changed = detail::remove_entry(next, key) || changed;
    for (auto& [key, value] : items) {
        const auto* old = detail::find_entry(next, key);
        changed = changed || !old || old->second.value != value.value;
        detail::put_entry(next, key, std::move(value));
    }
    if (changed) {
        const auto text = detail::credential_file_text(next);
        if (!text)
            return fail(errc::invalid_argument, "a key or value is not valid UTF-8");
        if (const int err = detail::write_file_atomically(target, *text))
            return fail(errc::credential_store_io, detail::system_reason(err));
    }
    entries_ = std::move(next);
}

} // namespace renault
