// The credential store kept in a file: the reference CLI's ~/.credentials/renault-api.json
// (docs/api/authentication.md, "The credential file"). Apart from credential_store.hpp so that
// users of the interface and of the memory store do not pay for the file operations.
//
// Thread safety: not thread-safe, like every store (session/credential_store.hpp).
#pragma once

#include <renault/detail/config.hpp>
#include <renault/session/credential_store.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace renault {

namespace detail {

/// The credential file's content: one line, `{"key": "value", ...}` as Python's json.dumps writes
/// it (append_json_string with json_charset::ascii). Returns nullopt when a key or value is not
/// valid UTF-8 (JSON cannot hold it).
RENAULT_DECL std::optional<std::string> credential_file_text(const credential_list& list);

/// A key as it may appear in an error message: short printable ASCII, or nothing.
RENAULT_DECL std::string printable_key(std::string_view key);

/// Reads a credential file into `list`. A missing file gives an empty list. Sets `ec` to
/// credential_store_io (cannot be read, or not a regular file: a directory, FIFO, device or
/// socket is refused without waiting) or credential_store_corrupt (not a JSON object of strings,
/// or a key that appears twice) and `why` to a message naming the file. When `permissions` is
/// given it receives the file's permission bits (0 when the file is missing).
RENAULT_DECL void read_credential_file(const std::filesystem::path& file, credential_list& list,
                                       boost::system::error_code& ec, std::string& why,
                                       unsigned* permissions = nullptr);

/// How long a change of a file store waits for the lock another process or store holds.
inline constexpr std::chrono::milliseconds credential_lock_timeout{10000};

} // namespace detail

/// The default location of the CLI's credential file: $HOME/.credentials/renault-api.json (the
/// reference CLI's file, docs/api/authentication.md, "The credential file").
RENAULT_DECL std::filesystem::path default_credential_path();

/// A credential store kept in a JSON file, in the reference CLI's format: one line,
/// `{"key": "value", ...}`, keys in insertion order. On load, an expired or unreadable `gigya_jwt`
/// is dropped. Opening never writes; a file that cannot be loaded (not a regular file, not a JSON
/// object of strings, a key twice) is never overwritten (open fails, and so does a change).
///
/// Each change is a read-modify-write of the file under an exclusive advisory lock (flock) on
/// `<file>.lock`, an empty file kept beside it: the change is applied to the file as it is now,
/// so that stores in other processes or threads that change other keys lose nothing; the store's
/// content then becomes the file's. The lock is on a file of its own because the credential file
/// is replaced at each write (temporary file with mode 0600, fsync, rename: never half written,
/// readable by its owner only): a lock on the replaced file would not exclude the next writer.
/// A symbolic link at `file` is kept: the file it leads to is the one read, locked and replaced.
///
/// POSIX only. Not thread-safe (see the top of session/credential_store.hpp); separate stores on
/// the same file may be used from separate threads.
class file_credential_store final : public credential_store {
public:
    using credential_store::erase;
    using credential_store::set;
    using credential_store::set_many;
    using credential_store::update;

    /// Opens the store kept in `file` (a missing file is an empty store). On failure returns
    /// nullptr and sets `ec` to errc::credential_store_corrupt (not a JSON object of strings, or a
    /// key twice) or errc::credential_store_io (cannot be read, or not a regular file), and
    /// `message` to a sentence naming the file and the reason (never a value of the file).
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file, boost::system::error_code& ec,
                                                       std::string& message);

    /// Opens the store kept in `file`; see the form with `message`.
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file, boost::system::error_code& ec);

    /// Opens the store kept in `file`. @throws renault::error (credential_store_corrupt or
    /// credential_store_io) with a message naming the file and the reason.
    static std::unique_ptr<file_credential_store> open(std::filesystem::path file);

    file_credential_store(const file_credential_store&) = delete;
    file_credential_store& operator=(const file_credential_store&) = delete;

    /// The file this store reads and writes.
    const std::filesystem::path& path() const noexcept { return file_; }

    /// A sentence naming the file and the reason of the last failed change (empty after a success).
    const std::string& last_error() const noexcept { return last_error_; }

    /// A warning about the file found when it was opened, empty when there is none: the file is
    /// writable by its group or by others (mode 0620, 0666...). Such a file is left as it is (the
    /// next change writes it with mode 0600); the application should show the warning.
    const std::string& warning() const noexcept { return warning_; }

    std::optional<credential> find(std::string_view key) const override;
    void set(std::string_view key, credential value, boost::system::error_code& ec) override;
    void erase(std::string_view key, boost::system::error_code& ec) override;
    void set_many(std::vector<entry> items, boost::system::error_code& ec) override;
    void erase_many(std::span<const std::string_view> keys, boost::system::error_code& ec) override;
    void update(std::vector<entry> items, std::span<const std::string_view> erased,
                boost::system::error_code& ec) override;
    std::vector<entry> entries() const override { return entries_; }

protected:
    std::string describe_failure(const boost::system::error_code& ec) const override;

private:
    file_credential_store(std::filesystem::path file, detail::credential_list entries)
        : file_(std::move(file)), entries_(std::move(entries))
    {
    }

    // Under the lock: reads the file, removes `erased`, stores `items`, writes the file when
    // that changed it. Only once the file is written does its content become the store's.
    void change(std::vector<entry> items, std::span<const std::string_view> erased, boost::system::error_code& ec);

    std::filesystem::path file_;
    detail::credential_list entries_;
    std::string last_error_;
    std::string warning_;
};

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/session/impl/file_credential_store.ipp>
#endif
