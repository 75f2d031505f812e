// Sinks for the logger (log.hpp): one that appends to a dated file per day, one that writes to a
// stream. Apart from log.hpp so that the logger itself needs no file operations.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/log.hpp>

#include <ctime>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace renault {

namespace detail {

/// `2026-11-25 10:00:00 - renault - DEBUG - message\n` for the local time `local`.
RENAULT_DECL std::string format_log_line(log_level level, std::string_view message, const std::tm& local);

} // namespace detail

/// A sink that appends lines `2026-11-25 10:00:00 - renault - DEBUG - message` to
/// `<dir>/<YYYY-MM-DD>.log` (local date; a new file each day), creating `dir` if needed. Log files
/// are created with mode 0600. Write failures are ignored. Safe to call from several threads.
RENAULT_DECL logger::sink_type file_sink(std::filesystem::path dir);

/// A sink that writes the same lines as file_sink to `out` (std::cerr for --debug). `out` must
/// outlive the sink. Safe to call from several threads.
RENAULT_DECL logger::sink_type stream_sink(std::ostream& out);

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/impl/log_sinks.ipp>
#endif
