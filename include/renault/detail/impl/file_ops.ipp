// The definitions of detail/file_ops.hpp, on POSIX. Included by that header in the header-only
// mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/detail/file_ops.hpp>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace renault::detail {

RENAULT_DECL std::string system_reason(int error_number)
{
    return std::system_category().message(error_number);
}

RENAULT_DECL int make_private_directories(const std::filesystem::path& dir)
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

RENAULT_DECL int write_file_atomically(const std::filesystem::path& file, std::string_view content)
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

RENAULT_DECL int read_regular_file(const std::filesystem::path& file, std::string& content, std::size_t limit,
                                   unsigned* permissions)
{
    content.clear();
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        struct ::stat info{};
        // A socket cannot be opened (ENXIO): say what it is rather than "No such device".
        if (err == ENXIO && ::stat(file.c_str(), &info) == 0 && !S_ISREG(info.st_mode))
            return EISDIR;
        return err;
    }
    struct ::stat info{};
    int err = 0;
    if (::fstat(fd, &info) != 0)
        err = errno;
    else if (!S_ISREG(info.st_mode))
        err = EISDIR;
    else if (permissions)
        *permissions = static_cast<unsigned>(info.st_mode) & 07777u;
    char buffer[4096];
    while (err == 0 && content.size() <= limit) {
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
    return err;
}

RENAULT_DECL int resolve_symbolic_links(const std::filesystem::path& file, std::filesystem::path& resolved)
{
    resolved = file;
    for (int links = 0;; ++links) {
        struct ::stat info{};
        if (::lstat(resolved.c_str(), &info) != 0)
            return errno == ENOENT ? 0 : errno;
        if (!S_ISLNK(info.st_mode))
            return 0;
        if (links == 40)
            return ELOOP;
        std::string target(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 255) + 1, '\0');
        const ::ssize_t n = ::readlink(resolved.c_str(), target.data(), target.size());
        if (n < 0)
            return errno;
        if (static_cast<std::size_t>(n) >= target.size()) // changed while we read it
            return EAGAIN;
        target.resize(static_cast<std::size_t>(n));
        const std::filesystem::path next(target);
        resolved = next.is_absolute() ? next : resolved.parent_path() / next;
    }
}

RENAULT_DECL int file_lock::lock(const std::filesystem::path& file, std::chrono::milliseconds timeout) noexcept
{
    unlock();
    if (const int err = make_private_directories(file.parent_path()))
        return err;
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno == ELOOP ? EISDIR : errno; // ELOOP: a symbolic link, refused like any non-file
    struct ::stat info{};
    const int err = ::fstat(fd, &info) != 0 ? errno : !S_ISREG(info.st_mode) ? EISDIR : 0;
    if (err != 0) {
        ::close(fd);
        return err;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            fd_ = fd;
            return 0;
        }
        const int failure = errno;
        if (failure == EINTR)
            continue;
        if (failure != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
            ::close(fd);
            return failure;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

RENAULT_DECL void file_lock::unlock() noexcept
{
    if (fd_ >= 0)
        ::close(fd_); // closing the file releases its lock
    fd_ = -1;
}

RENAULT_DECL std::filesystem::path home_directory()
{
    if (const char* env = std::getenv("HOME"); env != nullptr && *env != '\0')
        return env;
    if (const ::passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
        return pw->pw_dir;
    return {};
}

RENAULT_DECL std::tm local_time_now()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    return local;
}

RENAULT_DECL bool append_file::open(const std::filesystem::path& file) noexcept
{
    close();
    fd_ = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    return fd_ >= 0;
}

RENAULT_DECL void append_file::close() noexcept
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

RENAULT_DECL bool append_file::write(std::string_view text) noexcept
{
    if (fd_ < 0)
        return false;
    for (std::size_t done = 0; done < text.size();) {
        const ::ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace renault::detail
