// The operating-system calls of the library behind one small header: creating private
// directories, writing a file atomically, reading a small file, appending to a private log file,
// the home directory and the local time. Only the file credential store
// (session/file_credential_store.hpp) and the file log sink (log_sinks.hpp) use it, so that the
// client, the logger and the memory credential store are standard C++ and build without POSIX
// headers. The definitions (impl/file_ops.ipp) are POSIX; a port to another system replaces them.
//
// Failures are reported as errno values: 0 is success.
#pragma once

#include <renault/detail/config.hpp>

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
/// Returns 0, ENOENT when the file does not exist, EISDIR when it is not a regular file, or
/// another errno value.
RENAULT_DECL int read_regular_file(const std::filesystem::path& file, std::string& content, std::size_t limit);

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
