// Base64 and base64url (RFC 4648 §4 and §5): the one implementation the library, the mock server
// and the tests share. Standard headers only.
//
// The two alphabets differ in their last two characters: '+' and '/' (standard), '-' and '_'
// (url). Every 3 bytes become 4 characters; a last group of 1 or 2 bytes becomes 2 or 3
// characters, followed by "==" or "=" when the encoding is padded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace renault::detail {

/// Which characters a decoder takes for the values 62 and 63.
enum class base64_alphabet {
    standard, ///< '+' and '/'
    url,      ///< '-' and '_'
    either,   ///< both, even mixed (what a lenient reader of tokens wants)
};

/// Whether a decoder takes trailing '=' padding.
enum class base64_padding {
    optional,  ///< with or without; when present it must complete the last group of 4
    forbidden, ///< any '=' is invalid (JWT segments, RFC 7515 §2)
};

namespace base64_impl {

inline constexpr char standard_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr char url_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

inline std::string encode(std::string_view bytes, const char (&alphabet)[65], bool pad)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2)
            v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (rest == 2)
            out += alphabet[(v >> 6) & 63];
        if (pad)
            out.append(3 - rest, '=');
    }
    return out;
}

} // namespace base64_impl

/// Whether `c` is a character of the base64url alphabet (padding excluded).
constexpr bool is_base64url_char(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/// The 6-bit value of a character in `alphabet`, or -1.
constexpr int base64_digit(char c, base64_alphabet alphabet) noexcept
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    const bool standard = alphabet != base64_alphabet::url;
    const bool url = alphabet != base64_alphabet::standard;
    if ((c == '+' && standard) || (c == '-' && url))
        return 62;
    if ((c == '/' && standard) || (c == '_' && url))
        return 63;
    return -1;
}

/// Standard base64, padded with '=' ("Zm8=" for "fo").
inline std::string base64_encode(std::string_view bytes)
{
    return base64_impl::encode(bytes, base64_impl::standard_alphabet, true);
}

/// base64url without padding, as JWT segments are written ("Zm8" for "fo").
inline std::string base64url_encode(std::string_view bytes)
{
    return base64_impl::encode(bytes, base64_impl::url_alphabet, false);
}

/// Decodes `text`, or returns nullopt when it is not an encoding in `alphabet`: a character outside
/// the alphabet, '=' anywhere but at the end, padding that is forbidden or does not complete the
/// last group of 4, or a length no encoding has (a last group of a single character). Bits that
/// a canonical encoder would have left zero in the last character are ignored.
inline std::optional<std::string> base64_decode(std::string_view text,
                                                base64_alphabet alphabet = base64_alphabet::standard,
                                                base64_padding padding = base64_padding::optional)
{
    std::size_t pad = 0;
    while (pad < text.size() && text[text.size() - 1 - pad] == '=')
        ++pad;
    if (pad > 0) {
        // "Zg==" and "Zm8=" are fine; "Zg=", "Zm8==" and "Zm9v====" are not.
        if (padding == base64_padding::forbidden || pad > 2 || text.size() % 4 != 0)
            return std::nullopt;
        text.remove_suffix(pad);
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t bits = 0;
    int count = 0;
    for (const char c : text) {
        const int d = base64_digit(c, alphabet);
        if (d < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<std::uint32_t>(d);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFFu);
        }
    }
    return out;
}

/// Decodes base64url (RFC 4648 §5); see base64_decode.
inline std::optional<std::string> base64url_decode(std::string_view text,
                                                   base64_padding padding = base64_padding::optional)
{
    return base64_decode(text, base64_alphabet::url, padding);
}

} // namespace renault::detail
