// Where a session keeps its settings and tokens between requests (and, for the CLI, between runs):
// the credential store of the reference client (docs/api/authentication.md), with an in-memory
// store. The store that reads and writes the reference CLI's ~/.credentials/renault-api.json is
// in session/file_credential_store.hpp.
//
// Thread safety: no store is thread-safe. The client serialises every access to its store; code
// that shares a store between threads or clients must lock around it.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/error.hpp>
#include <renault/session/jwt.hpp>

#include <boost/system/error_code.hpp>

#include <array>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
RENAULT_DECL credential make_jwt_credential(std::string token);

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
    virtual void set_many(std::vector<entry> items, boost::system::error_code& ec);

    /// Removes several keys at once (one write for a file store).
    virtual void erase_many(std::span<const std::string_view> keys, boost::system::error_code& ec);

    /// Stores `items` and removes `erased` (keys also in `items` are stored, not removed) as one
    /// change: a new login replaces its token and drops the old login's values this way. The
    /// default calls `set_many` then `erase_many`; the file store writes the file once, so that
    /// on failure nothing has changed.
    virtual void update(std::vector<entry> items, std::span<const std::string_view> erased,
                        boost::system::error_code& ec);

    /// The value under `key` when it is present and not expired at `now`.
    std::optional<std::string> get(std::string_view key, clock::time_point now = clock::now()) const;

    /// Whether `key` is present and not expired at `now`.
    bool contains(std::string_view key, clock::time_point now = clock::now()) const;

    /// Stores `value` under `key`. @throws renault::error when the store cannot be written.
    void set(std::string_view key, credential value);

    /// Removes `key`. @throws renault::error when the store cannot be written.
    void erase(std::string_view key);

    /// Stores several credentials at once. @throws renault::error when the store cannot be written.
    void set_many(std::vector<entry> items);

    /// Stores `items` and removes `erased` as one change. @throws renault::error when the store
    /// cannot be written.
    void update(std::vector<entry> items, std::span<const std::string_view> erased);

    /// Removes every key except the permanent ones (settings survive a logout).
    void clear(boost::system::error_code& ec);

    /// Removes every key except the permanent ones. @throws renault::error when the store cannot be written.
    void clear();

    /// Removes the listed keys (those absent are ignored).
    void clear_keys(std::span<const std::string_view> keys, boost::system::error_code& ec) { erase_many(keys, ec); }
    void clear_keys(std::initializer_list<std::string_view> keys, boost::system::error_code& ec)
    {
        erase_many(std::span<const std::string_view>(keys.begin(), keys.size()), ec);
    }

    /// Removes the listed keys. @throws renault::error when the store cannot be written.
    void clear_keys(std::span<const std::string_view> keys);
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
    void throw_on_failure(const boost::system::error_code& ec) const;
};

namespace detail {

using credential_list = std::vector<credential_store::entry>;

RENAULT_DECL credential_store::entry* find_entry(credential_list& list, std::string_view key) noexcept;

RENAULT_DECL const credential_store::entry* find_entry(const credential_list& list, std::string_view key) noexcept;

RENAULT_DECL void put_entry(credential_list& list, std::string_view key, credential value);

/// Removes `key`; returns whether it was there.
RENAULT_DECL bool remove_entry(credential_list& list, std::string_view key);

} // namespace detail

/// A credential store in memory: what a session uses when it is given no store.
class memory_credential_store final : public credential_store {
public:
    using credential_store::erase;
    using credential_store::set;

    memory_credential_store() = default;

    std::optional<credential> find(std::string_view key) const override;

    void set(std::string_view key, credential value, boost::system::error_code& ec) override;

    void erase(std::string_view key, boost::system::error_code& ec) override;

    std::vector<entry> entries() const override { return entries_; }

private:
    detail::credential_list entries_;
};

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/session/impl/credential_store.ipp>
#endif
