// The operating-system calls of the library behind one small header: creating private
// directories, writing a file atomically, reading a small file, locking a file, following
// symbolic links, appending to a private log file, the home directory and the local time. Only the file credential store
// (session/file_credential_store.hpp) and the file log sink (log_sinks.hpp) use it, so that the
// client, the logger and the memory credential store are standard C++ and build without POSIX
// headers. The definitions (impl/file_ops.ipp) are POSIX; a port to another system replaces them.
//
// Failures are reported as errno values: 0 is success.
#pragma once

#include <renault/detail/config.hpp>

#include <chrono>
#include <cstddef>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>

namespace renault::detail {

/// The system's description of the errno value `error_number` ("Permission denied").
RENAULT_DECL std::string system_reason(int error_number);

/// Creates `dir` and its missing parents with mode 0700. Returns 0 or an errno value.
RENAULT_DECL int make_private_directories(const std::filesystem::path& dir);

/// Writes `content` to `file` atomically: a new file `<file>.tmp-<pid>` created with mode 0600,
/// written, flushed to disk and renamed over `file`. Missing parent directories are created with
/// mode 0700. Returns 0 or an errno value; on failure the temporary file is removed.
RENAULT_DECL int write_file_atomically(const std::filesystem::path& file, std::string_view content);

/// Reads the regular file `file` into `content` (replaced), stopping as soon as more than `limit`
/// bytes are read (the caller tells a file that is too large by `content.size() > limit`).
/// The file is opened without blocking, so that a FIFO or a device at `file` is refused at once
/// instead of waiting for a writer. Returns 0, ENOENT when the file does not exist, EISDIR when
/// it is not a regular file (a directory, FIFO, device or socket), or another errno value. When
/// `permissions` is given it receives the file's permission bits (`0644`...) on success.
RENAULT_DECL int read_regular_file(const std::filesystem::path& file, std::string& content, std::size_t limit,
                                   unsigned* permissions = nullptr);

/// Whether the permission bits `permissions` let the group or others write the file.
inline bool writable_by_others(unsigned permissions) noexcept
{
    return (permissions & 022u) != 0;
}

/// `file` with its symbolic links followed, the last component's included (up to 40 links), in
/// `resolved`; a path that does not exist (or whose last link dangles) ends the chain as it is.
/// Returns 0 or an errno value (ELOOP after 40 links).
RENAULT_DECL int resolve_symbolic_links(const std::filesystem::path& file, std::filesystem::path& resolved);

/// An exclusive advisory lock (BSD flock) on a lock file, held until `unlock` or destruction.
/// flock locks belong to the open file, not to the process: two threads of one process that each
/// lock the same file exclude each other, as two processes do. Not thread-safe itself.
class file_lock {
public:
    file_lock() = default;
    file_lock(const file_lock&) = delete;
    file_lock& operator=(const file_lock&) = delete;
    ~file_lock() { unlock(); }

    /// Opens `file` (created empty with mode 0600 when missing, in directories created with mode
    /// 0700) and locks it, trying again for at most `timeout` while another holder keeps it.
    /// Returns 0, EWOULDBLOCK when it was still locked after `timeout`, EISDIR when `file` is not
    /// a regular file, or another errno value.
    int lock(const std::filesystem::path& file, std::chrono::milliseconds timeout) noexcept;

    /// Releases the lock, if one is held.
    void unlock() noexcept;

private:
    int fd_ = -1;
};

/// $HOME, else the home directory of the user in the password database; empty when neither is known.
RENAULT_DECL std::filesystem::path home_directory();

/// The current local time (thread-safe, unlike std::localtime).
RENAULT_DECL std::tm local_time_now();

/// A file opened for appending, created with mode 0600 when missing. Not copyable; closed by the
/// destructor. Not thread-safe.
class append_file {
public:
    append_file() = default;
    append_file(const append_file&) = delete;
    append_file& operator=(const append_file&) = delete;
    ~append_file() { close(); }

    /// Opens `file` for appending, closing the file open before. Returns whether it is open.
    bool open(const std::filesystem::path& file) noexcept;

    /// Closes the file, if one is open.
    void close() noexcept;

    bool is_open() const noexcept { return fd_ >= 0; }

    /// Appends all of `text`; returns false when it could not all be written.
    bool write(std::string_view text) noexcept;

private:
    int fd_ = -1;
};

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/detail/impl/file_ops.ipp>
#endif
