// Bounded reading of input files and standard input.
#include "input.hpp"
#include "exit_codes.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace renault::cli {

namespace {

/// Closes a file descriptor at the end of the scope (not standard input).
struct fd_guard {
    int fd;
    bool owned;
    ~fd_guard()
    {
        if (owned && fd >= 0)
            ::close(fd);
    }
};

std::string shown_name(const std::string& path)
{
    return path == "-" ? "standard input" : path;
}

} // namespace

std::string read_input(const std::string& path)
{
    const bool standard_input = path == "-";
    const fd_guard file{standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC), !standard_input};
    if (file.fd < 0)
        throw usage_error{fmt::format("cannot read {}: {}", path, std::strerror(errno))};
    struct stat info{};
    if (::fstat(file.fd, &info) == 0 && S_ISDIR(info.st_mode))
        throw usage_error{fmt::format("cannot read {}: it is a directory", shown_name(path))};
    std::string content;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw usage_error{fmt::format("cannot read {}: {}", shown_name(path), std::strerror(errno))};
        if (n == 0)
            return content;
        if (content.size() + static_cast<std::size_t>(n) > max_input_size)
            throw usage_error{fmt::format("{} holds more than {} MiB ({} bytes), the limit for an input", shown_name(path),
                                          max_input_size / (1024 * 1024), max_input_size)};
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

std::string input_file_problem(const std::string& path)
{
    const fd_guard file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK), true};
    if (file.fd < 0)
        return std::strerror(errno);
    struct stat info{};
    if (::fstat(file.fd, &info) == 0 && S_ISDIR(info.st_mode))
        return "it is a directory";
    return {};
}

} // namespace renault::cli
