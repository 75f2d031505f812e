// Writing a JSON string literal: the one escaping routine of the library (encoder, logger,
// credential file) and of renault-mock.
#pragma once

#include <renault/detail/config.hpp>

#include <string>
#include <string_view>

namespace renault::detail {

/// What append_json_string writes for the characters outside ASCII.
enum class json_charset {
    /// The UTF-8 bytes as they are (not validated).
    utf8,
    /// Only ASCII, as Python's json.dumps writes it (ensure_ascii): every character outside ASCII,
    /// and DEL, as a lowercase \uXXXX escape, with a surrogate pair above U+FFFF.
    ascii,
};

/// Appends `s` to `out` as a quoted JSON string: `"` and `\` escaped, control characters as \b,
/// \f, \n, \r, \t or \u00xx, the rest according to `charset`. Returns false when `charset` is
/// json_charset::ascii and `s` is not valid UTF-8 (an overlong form, a surrogate, a code point
/// above U+10FFFF or a cut sequence); `out` then ends with an unfinished string. Returns true
/// otherwise.
RENAULT_DECL bool append_json_string(std::string& out, std::string_view s, json_charset charset = json_charset::utf8);

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/impl/json_text.ipp>
#endif
