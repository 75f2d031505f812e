// Where a session keeps its settings and tokens between requests (and, for the CLI, between runs):
// the credential store of the reference client (docs/api/authentication.md), with an in-memory
// store and a file store that reads and writes the reference CLI's ~/.credentials/renault-api.json.
//
// Thread safety: no store is thread-safe. The client serialises every access to its store; code
// that shares a store between threads or clients must lock around it.
#pragma once

#include <renault/error.hpp>
#include <renault/session/jwt.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace renault {

/// The keys the client and the CLI use in a credential store (docs/api/authentication.md, "Tokens
/// and settings of a session").
namespace credential_keys {
inline constexpr std::string_view country = "country";
inline constexpr std::string_view locale = "locale";
inline constexpr std::string_view gigya_api_key = "gigya-api-key";
inline constexpr std::string_view gigya_root_url = "gigya-root-url";
inline constexpr std::string_view kamereon_api_key = "kamereon-api-key";
inline constexpr std::string_view kamereon_root_url = "kamereon-root-url";
inline constexpr std::string_view gigya_jwt = "gigya_jwt";
inline constexpr std::string_view gigya_login_token = "gigya_login_token";
inline constexpr std::string_view gigya_person_id = "gigya_person_id";
/// The reference CLI's spelling, kept so that both read and write the same file.
inline constexpr std::string_view account_id = "accound-id";
inline constexpr std::string_view vin = "vin";

/// The settings `clear()` keeps: country, locale, API keys and root URLs.
inline constexpr std::array<std::string_view, 6> permanent_keys{
    country, locale, gigya_api_key, gigya_root_url, kamereon_api_key, kamereon_root_url};
/// What a login owns: cleared on a new login and when Gigya says the login expired.
inline constexpr std::array<std::string_view, 3> gigya_keys{gigya_jwt, gigya_login_token, gigya_person_id};
} // namespace credential_keys

using credential_keys::gigya_keys;
using credential_keys::permanent_keys;

/// A stored value, with the time after which it must not be used (JWTs), if any.
struct credential {
    std::string value;
    std::optional<std::chrono::system_clock::time_point> expiry{};

    /// Whether the credential has an expiry and it lies before `now`.
    bool expired(std::chrono::system_clock::time_point now) const noexcept { return expiry && *expiry < now; }
};

/// A credential for a JWT, expiring at its `exp` claim. A token whose expiry cannot be read is
/// given an expiry in the distant past, so that it is never served as valid.
inline credential make_jwt_credential(std::string token)
{
    const auto expiry = jwt_expiry(token);
    return credential{std::move(token), expiry.value_or(std::chrono::system_clock::time_point::min())};
}

/// The interface of a credential store: a map from keys to credentials that keeps insertion order.
/// Implement it to keep credentials elsewhere (a system keyring); the four pure virtual functions
/// are enough, `set_many` and `erase_many` may be overridden to batch writes. An implementation
/// that overrides `set`/`erase` should add `using credential_store::set;` (and `erase`) so that the
/// throwing forms stay visible on the derived type.
///
/// Not thread-safe (see the top of this header).
class credential_store {
public:
    using clock = std::chrono::system_clock;
    using entry = std::pair<std::string, credential>;

    virtual ~credential_store() = default;

    /// The credential stored under `key`, expired or not.
    virtual std::optional<credential> find(std::string_view key) const = 0;

    /// Stores `value` under `key`, replacing (in place, keeping its position) any previous value.
    /// On failure `ec` is set and the store is unchanged.
    virtual void set(std::string_view key, credential value, boost::system::error_code& ec) = 0;

    /// Removes `key`; removing a key that is not there does nothing and is not an error.
    virtual void erase(std::string_view key, boost::system::error_code& ec) = 0;

    /// Every entry in insertion order, expired ones included (the CLI `settings` command lists them).
    virtual std::vector<entry> entries() const = 0;

    /// Stores several credentials at once (one write for a file store).
    virtual void set_many(std::vector<entry> items, boost::system::error_code& ec)
    {
        ec.clear();
        for (auto& [key, value] : items) {
            set(key, std::move(value), ec);
            if (ec)
                return;
        }
    }

    /// Removes several keys at once (one write for a file store).
    virtual void erase_many(std::span<const std::string_view> keys, boost::system::error_code& ec)
    {
        ec.clear();
        for (const auto key : keys) {
            erase(key, ec);
            if (ec)
                return;
        }
    }

    /// The value under `key` when it is present and not expired at `now`.
    std::optional<std::string> get(std::string_view key, clock::time_point now = clock::now()) const
    {
        auto found = find(key);
        if (!found || found->expired(now))
            return std::nullopt;
        return std::move(found->value);
    }

    /// Whether `key` is present and not expired at `now`.
    bool contains(std::string_view key, clock::time_point now = clock::now()) const
    {
        const auto found = find(key);
        return found && !found->expired(now);
    }

    /// Stores `value` under `key`. @throws renault::error when the store cannot be written.
    void set(std::string_view key, credential value)
    {
        boost::system::error_code ec;
        set(key, std::move(value), ec);
        throw_on_failure(ec);
    }

    /// Removes `key`. @throws renault::error when the store cannot be written.
    void erase(std::string_view key)
    {
        boost::system::error_code ec;
        erase(key, ec);
        throw_on_failure(ec);
    }

    /// Stores several credentials at once. @throws renault::error when the store cannot be written.
    void set_many(std::vector<entry> items)
    {
        boost::system::error_code ec;
        set_many(std::move(items), ec);
        throw_on_failure(ec);
    }

    /// Removes every key except the permanent ones (settings survive a logout).
    void clear(boost::system::error_code& ec)
    {
        std::vector<std::string> names;
        for (const auto& [key, value] : entries())
            if (std::find(permanent_keys.begin(), permanent_keys.end(), key) == permanent_keys.end())
                names.push_back(key);
        const std::vector<std::string_view> views(names.begin(), names.end());
        erase_many(views, ec);
    }

    /// Removes every key except the permanent ones. @throws renault::error when the store cannot be written.
    void clear()
    {
        boost::system::error_code ec;
        clear(ec);
        throw_on_failure(ec);
    }

    /// Removes the listed keys (those absent are ignored).
    void clear_keys(std::span<const std::string_view> keys, boost::system::error_code& ec) { erase_many(keys, ec); }
    void clear_keys(std::initializer_list<std::string_view> keys, boost::system::error_code& ec)
    {
        erase_many(std::span<const std::string_view>(keys.begin(), keys.size()), ec);
    }

    /// Removes the listed keys. @throws renault::error when the store cannot be written.
    void clear_keys(std::span<const std::string_view> keys)
    {
        boost::system::error_code ec;
        erase_many(keys, ec);
        throw_on_failure(ec);
    }
    void clear_keys(std::initializer_list<std::string_view> keys)
    {
        clear_keys(std::span<const std::string_view>(keys.begin(), keys.size()));
    }

protected:
    credential_store() = default;
    credential_store(const credential_store&) = default;
    credential_store& operator=(const credential_store&) = default;

    /// The message of the exception thrown for a failure `ec` of the last operation; a file store
    /// names the file and the system's reason.
    virtual std::string describe_failure(const boost::system::error_code& ec) const { return ec.message(); }

private:
    void throw_on_failure(const boost::system::error_code& ec) const
    {
        if (ec)
            throw error(ec, describe_failure(ec));
    }
};

namespace detail {

using credential_list = std::vector<credential_store::entry>;

inline credential_store::entry* find_entry(credential_list& list, std::string_view key) noexcept
{
    for (auto& e : list)
        if (e.first == key)
            return &e;
    return nullptr;
}

inline const credential_store::entry* find_entry(const credential_list& list, std::string_view key) noexcept
{
    for (const auto& e : list)
        if (e.first == key)
            return &e;
    return nullptr;
}

inline void put_entry(credential_list& list, std::string_view key, credential value)
{
    if (auto* e = find_entry(list, key))
        e->second = std::move(value);
    else
        list.emplace_back(std::string(key), std::move(value));
}

/// Removes `key`; returns whether it was there.
inline bool remove_entry(credential_list& list, std::string_view key)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.first == key; });
    if (it == list.end())
        return false;
    list.erase(it);
    return true;
}

} // namespace detail

/// A credential store in memory: what a session uses when it is given no store.
class memory_credential_store final : public credential_store {
public:
    using credential_store::erase;
    using credential_store::set;

    memory_credential_store() = default;

    std::optional<credential> find(std::string_view key) const override
    {
        if (const auto* e = detail::find_entry(entries_, key))
            return e->second;
        return std::nullopt;
    }

    void set(std::string_view key, credential value, boost::system::error_code& ec) override
    {
        ec.clear();
        detail::put_entry(entries_, key, std::move(value));
    }

    void erase(std::string_view key, boost::system::error_code& ec) override
    {
        ec.clear();
        detail::remove_entry(entries_, key);
    }

    std::vector<entry> entries() const override { return entries_; }

private:
    detail::credential_list entries_;
};

namespace detail {

/// Appends `text` as a JSON string the way Python's json.dumps writes it (ensure_ascii: every
/// character outside printable ASCII as a lowercase \uXXXX escape, surrogate pairs above U+FFFF).
/// Returns false when `text` is not valid UTF-8.
inline bool append_python_json_string(std::string& out, std::string_view text)
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

/// The credential file's content: one line, `{"key": "value", ...}` as Python's json.dumps writes
/// it. Returns nullopt when a key or value is not valid UTF-8 (JSON cannot hold it).
inline std::optional<std::string> credential_file_text(const credential_list& list)
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

inline std::string system_reason(int error_number)
{
    return std::system_category().message(error_number);
}

/// Creates `dir` and its missing parents with mode 0700. Returns 0 or an errno value.
inline int make_private_directories(const std::filesystem::path& dir)
{
    if (dir.empty())
        return 0;
    struct ::stat info{};
    if (::stat(dir.c_str(), &info) == 0)
        return S_ISDIR(info.st_mode) ? 0 : ENOTDIR;
    if (errno != ENOENT)
        return errno;
    const auto parent = dir.parent_path();
    if (parent != dir)
        if (const int err = make_private_directories(parent))
            return err;
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return errno;
    return 0;
}

/// Writes `content` to `file` atomically: a new file `<file>.tmp-<pid>` created with mode 0600,
/// written, flushed to disk and renamed over `file`. Missing parent directories are created with
/// mode 0700. Returns 0 or an errno value; on failure the temporary file is removed.
inline int write_file_atomically(const std::filesystem::path& file, std::string_view content)
{
    if (const int err = make_private_directories(file.parent_path()))
        return err;
    const std::string temp = file.native() + ".tmp-" + std::to_string(::getpid());
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
    int fd = ::open(temp.c_str(), flags, 0600);
    if (fd < 0 && errno == EEXIST) { // left over by a crashed process that had our pid
        ::unlink(temp.c_str());
        fd = ::open(temp.c_str(), flags, 0600);
    }
    if (fd < 0)
        return errno;
    int err = 0;
    if (::fchmod(fd, 0600) != 0) // the umask may have taken bits away; never more than 0600
        err = errno;
    for (std::size_t done = 0; err == 0 && done < content.size();) {
        const ::ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno != EINTR)
                err = errno;
        } else {
            done += static_cast<std::size_t>(n);
        }
    }
    if (err == 0 && ::fsync(fd) != 0)
        err = errno;
    if (::close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0 && ::rename(temp.c_str(), file.c_str()) != 0)
        err = errno;
    if (err != 0) {
        ::unlink(temp.c_str());
        return err;
    }
    // Make the rename itself durable; a failure here loses nothing that was not already at risk.
    const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return 0;
}

/// A key as it may appear in an error message: short printable ASCII, or nothing.
inline std::string printable_key(std::string_view key)
{
    const bool printable =
        key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    return printable ? "\"" + std::string(key) + "\"" : std::string("a key");
}

/// Reads a credential file into `list`. A missing file gives an empty list. Sets `ec` to
/// credential_store_io or credential_store_corrupt and `why` to a message naming the file.
inline void read_credential_file(const std::filesystem::path& file, credential_list& list,
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

    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            fail(errc::credential_store_io, system_reason(errno));
        return;
    }
    std::string content;
    constexpr std::size_t max_size = 16u << 20; // far more than any credential file
    struct ::stat info{};
    int err = 0;
    if (::fstat(fd, &info) != 0)
        err = errno;
    else if (!S_ISREG(info.st_mode))
        err = EISDIR;
    char buffer[4096];
    while (err == 0 && content.size() <= max_size) {
        const ::ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno != EINTR)
                err = errno;
        } else if (n == 0) {
            break;
        } else {
            content.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    if (err != 0)
        return fail(errc::credential_store_io, err == EISDIR ? "not a regular file" : system_reason(err));
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

/// The default location of the CLI's credential file: $HOME/.credentials/renault-api.json (the
/// reference CLI's file, docs/api/authentication.md, "The credential file").
inline std::filesystem::path default_credential_path()
{
    std::filesystem::path home;
    if (const char* env = std::getenv("HOME"); env != nullptr && *env != '\0')
        home = env;
    else if (const ::passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
        home = pw->pw_dir;
    return home / ".credentials" / "renault-api.json";
}

/// A credential store kept in a JSON file, in the reference CLI's format: one line,
/// `{"key": "value", ...}`, keys in insertion order. Every change rewrites the whole file
/// atomically (temporary file with mode 0600, fsync, rename), so the file is never half written
/// and is readable by its owner only. On load, an expired or unreadable `gigya_jwt` is dropped.
/// Opening never writes; a file that cannot be loaded is never overwritten (open fails).
/// POSIX only. Not thread-safe (see the top of this header).
class file_credential_store final : public credential_store {
public:
    using credential_store::erase;
    using credential_store::set;
    using credential_store::set_many;

    /// Opens the store kept in `file` (a missing file is an empty store). On failure returns
    /// nullptr and sets `ec` to errc::credential_store_corrupt (not a JSON object of strings) or
    /// errc::credential_store_io (cannot be read), and `message` to a sentence naming the file and
    /// the reason.
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file, boost::system::error_code& ec,
                                                       std::string& message)
    {
        detail::credential_list list;
        message.clear();
        detail::read_credential_file(file, list, ec, message);
        if (ec)
            return nullptr;
        return std::unique_ptr<file_credential_store>(new file_credential_store(std::move(file), std::move(list)));
    }

    /// Opens the store kept in `file`; see the form with `message`.
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file, boost::system::error_code& ec)
    {
        std::string message;
        return open(std::move(file), ec, message);
    }

    /// Opens the store kept in `file`. @throws renault::error (credential_store_corrupt or
    /// credential_store_io) with a message naming the file and the reason.
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file)
    {
        boost::system::error_code ec;
        std::string message;
        auto store = open(std::move(file), ec, message);
        if (ec)
            throw error(ec, message);
        return store;
    }

    file_credential_store(const file_credential_store&) = delete;
    file_credential_store& operator=(const file_credential_store&) = delete;

    /// The file this store reads and writes.
    const std::filesystem::path& path() const noexcept { return file_; }

    /// A sentence naming the file and the reason of the last failed change (empty after a success).
    const std::string& last_error() const noexcept { return last_error_; }

    std::optional<credential> find(std::string_view key) const override
    {
        if (const auto* e = detail::find_entry(entries_, key))
            return e->second;
        return std::nullopt;
    }

    void set(std::string_view key, credential value, boost::system::error_code& ec) override
    {
        auto next = entries_;
        detail::put_entry(next, key, std::move(value));
        commit(std::move(next), ec);
    }

    void erase(std::string_view key, boost::system::error_code& ec) override
    {
        auto next = entries_;
        if (!detail::remove_entry(next, key)) {
            ec.clear();
            return;
        }
        commit(std::move(next), ec);
    }

    void set_many(std::vector<entry> items, boost::system::error_code& ec) override
    {
        auto next = entries_;
        for (auto& [key, value] : items)
            detail::put_entry(next, key, std::move(value));
        commit(std::move(next), ec);
    }

    void erase_many(std::span<const std::string_view> keys, boost::system::error_code& ec) override
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

    std::vector<entry> entries() const override { return entries_; }

protected:
    std::string describe_failure(const boost::system::error_code& ec) const override
    {
        return last_error_.empty() ? ec.message() : last_error_;
    }

private:
    file_credential_store(std::filesystem::path file, detail::credential_list entries)
        : file_(std::move(file)), entries_(std::move(entries))
    {
    }

    // Writes `next` to the file; only once it is there does it become the store's content.
    void commit(detail::credential_list next, boost::system::error_code& ec)
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

    std::filesystem::path file_;
    detail::credential_list entries_;
    std::string last_error_;
};

} // namespace renault
