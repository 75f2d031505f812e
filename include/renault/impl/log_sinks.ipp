// The definitions of log_sinks.hpp. Included by that header in the header-only mode, compiled
// once by <renault/src.hpp>.
#pragma once

#include <renault/detail/file_ops.hpp>
#include <renault/log_sinks.hpp>

#include <memory>
#include <mutex>
#include <ostream>
#include <system_error>

namespace renault {

namespace detail {

RENAULT_DECL std::string format_log_line(log_level level, std::string_view message, const std::tm& local)
{
    char stamp[32];
    const std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
    std::string line(stamp, n);
    line += " - renault - ";
    line += to_string(level);
    line += " - ";
    line += message;
    line += '\n';
    return line;
}

} // namespace detail

RENAULT_DECL logger::sink_type file_sink(std::filesystem::path dir)
{
    struct state {
        std::mutex mutex;
        std::filesystem::path dir;
        std::string date;
        detail::append_file file;
    };
    auto shared = std::make_shared<state>();
    shared->dir = std::move(dir);
    return [shared](log_level level, std::string_view message) {
        const std::string line = detail::format_log_line(level, message, detail::local_time_now());
        const std::string date = line.substr(0, 10);
        const std::lock_guard lock(shared->mutex);
        if (!shared->file.is_open() || shared->date != date) {
            shared->file.close();
            std::error_code ec;
            std::filesystem::create_directories(shared->dir, ec);
            shared->file.open(shared->dir / (date + ".log"));
            shared->date = date;
        }
        shared->file.write(line);
    };
}

RENAULT_DECL logger::sink_type stream_sink(std::ostream& out)
{
    auto mutex = std::make_shared<std::mutex>();
    return [&out, mutex](log_level level, std::string_view message) {
        const std::string line = detail::format_log_line(level, message, detail::local_time_now());
        const std::lock_guard lock(*mutex);
        out << line << std::flush;
    };
}

} // namespace renault
