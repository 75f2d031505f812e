// The definition of json_text.hpp. Included by that header in the header-only mode, compiled
// once by <renault/src.hpp>.
#pragma once

#include <renault/json_text.hpp>

#include <cstddef>
#include <cstdint>

namespace renault::detail {

RENAULT_DECL bool append_json_string(std::string& out, std::string_view s, json_charset charset)
{
    static constexpr char hex[] = "0123456789abcdef";
    auto escape_unit = [&](std::uint32_t unit) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(unit >> shift) & 0xFu];
    };
    const bool ascii = charset == json_charset::ascii;
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80 || !ascii) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || (ascii && c == 0x7F))
                    escape_unit(c);
                else
                    out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // A multi-byte UTF-8 sequence: decode it, rejecting overlong forms, surrogates and > U+10FFFF.
        std::size_t length = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((c & 0xE0u) == 0xC0u) {
            length = 2, cp = c & 0x1Fu, min = 0x80;
        } else if ((c & 0xF0u) == 0xE0u) {
            length = 3, cp = c & 0x0Fu, min = 0x800;
        } else if ((c & 0xF8u) == 0xF0u) {
            length = 4, cp = c & 0x07u, min = 0x10000;
        } else {
            return false;
        }
        if (i + length > s.size())
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            escape_unit(0xD800 + (cp >> 10));
            escape_unit(0xDC00 + (cp & 0x3FFu));
        } else {
            escape_unit(cp);
        }
        i += length;
    }
    out += '"';
    return true;
}

} // namespace renault::detail
