// Files and standard input that renault-api reads whole (decode FILE, http post-file FILE):
// bounded, so that /dev/zero or an endless pipe is an error instead of unbounded memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace renault::cli {

/// The largest input read: 8 MiB, the same as the largest response body the HTTPS backend
/// accepts (the default of http::beast_options::max_response_size).
inline constexpr std::size_t max_input_size = std::size_t{8} * 1024 * 1024;

/// Reads the whole of `path` ("-": standard input), at most max_input_size bytes. A FIFO or a
/// device is read like a file, within the same limit.
/// @throws usage_error naming the file: it cannot be opened or read, is a directory, or holds
///         more than max_input_size bytes
std::string read_input(const std::string& path);

/// Why `path` cannot be read as a file ("No such file or directory", "it is a directory"), or ""
/// when it can be opened for reading (without blocking on a FIFO) and is not a directory.
std::string input_file_problem(const std::string& path);

} // namespace renault::cli
