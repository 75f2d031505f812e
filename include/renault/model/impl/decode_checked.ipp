// detail::decode_into_checked, the driver of decode<T>() in the header-only mode.
//
// Boost.JSON's parser is a class template on its handler: driving the decoder with it (as
// model/impl/decode.ipp does, in the separately compiled mode) compiles the whole parser again in
// every translation unit that decodes, several times over for its compile-time options. Here the
// text is checked by the parser that libboost_json already has compiled (boost::json::parser,
// which builds a DOM), and the decoder's handler then gets the same events from json_replay, a
// small reader that only has to read JSON already known to be valid. Errors, their positions and
// messages are the checking parser's, so both modes report the same; the compiled mode decodes
// faster (one pass, no DOM), this one costs a user's translation unit far less to compile.
#pragma once

#include <renault/model/impl/decode_handler.ipp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <charconv>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace renault::detail {

/// Reads the JSON text `[begin, end)` and gives the handler the events basic_parser would give it,
/// in the same order (the handler interface of Boost.JSON's basic_parser; the *_part events never
/// come, as every key, string and number is whole). The text is valid JSON up to `end`: the whole
/// of a document Boost.JSON's parser accepted, or what comes before the place where it found an
/// error. The reader stops, without an event, at a token that `end` cuts; nothing in it is
/// checked beyond what keeps it inside the text.
template <class Handler>
class json_replay {
public:
    enum class result { done, cut, handler_failed };

    json_replay(Handler& handler, bool allow_comments) : h_(handler), comments_(allow_comments) {}

    /// Reads one value from `[begin, end)`, the part of the text `[begin, text_end)` that the parser
    /// accepted (a number that `end` cuts is not read); `ec` is the handler's error when it returns
    /// handler_failed.
    result run(const char* begin, const char* end, const char* text_end, boost::system::error_code& ec)
    {
        p_ = begin;
        end_ = end;
        text_end_ = text_end;
        levels_.clear();
        return read(ec);
    }

private:
    struct level {
        bool object;
        std::size_t count;
    };
    using json_string = boost::json::string_view;

    result read(boost::system::error_code& ec)
    {
    value:
        if (!skip_space())
            return result::cut;
        switch (*p_) {
        case '{':
            if (!h_.on_object_begin(ec))
                return result::handler_failed;
            ++p_;
            levels_.push_back({true, 0});
            if (!skip_space())
                return result::cut;
            if (*p_ == '}')
                goto close;
            goto key;
        case '[':
            if (!h_.on_array_begin(ec))
                return result::handler_failed;
            ++p_;
            levels_.push_back({false, 0});
            if (!skip_space())
                return result::cut;
            if (*p_ == ']')
                goto close;
            goto value;
        case '"': {
            std::string_view s;
            if (!read_string(s))
                return result::cut;
            if (!h_.on_string(json_string(s.data(), s.size()), s.size(), ec))
                return result::handler_failed;
            break;
        }
        case 't':
            if (!literal("true"))
                return result::cut;
            if (!h_.on_bool(true, ec))
                return result::handler_failed;
            break;
        case 'f':
            if (!literal("false"))
                return result::cut;
            if (!h_.on_bool(false, ec))
                return result::handler_failed;
            break;
        case 'n':
            if (!literal("null"))
                return result::cut;
            if (!h_.on_null(ec))
                return result::handler_failed;
            break;
        default: {
            const result r = read_number(ec);
            if (r != result::done)
                return r;
            break;
        }
        }
        // After a value: the end of the document, or of the container, or the next item.
    after_value:
        if (levels_.empty())
            return result::done;
        ++levels_.back().count;
        if (!skip_space())
            return result::cut;
        if (*p_ == ',') {
            ++p_;
            if (!skip_space())
                return result::cut;
            if (*p_ == '}' || *p_ == ']') // a trailing comma (allowed, as the text is valid)
                goto close;
            if (levels_.back().object)
                goto key;
            goto value;
        }
        goto close;

    key: {
        std::string_view k;
        if (*p_ != '"' || !read_string(k))
            return result::cut;
        if (!h_.on_key(json_string(k.data(), k.size()), k.size(), ec))
            return result::handler_failed;
        if (!skip_space() || *p_ != ':')
            return result::cut;
        ++p_;
        goto value;
    }

    close: {
        // `*p_` is the closing bracket of the innermost container.
        const level top = levels_.back();
        if (*p_ != (top.object ? '}' : ']'))
            return result::cut;
        ++p_;
        levels_.pop_back();
        if (!(top.object ? h_.on_object_end(top.count, ec) : h_.on_array_end(top.count, ec)))
            return result::handler_failed;
        goto after_value;
    }
    }

    // White space, and comments when they are allowed; false at the end of the text.
    bool skip_space()
    {
        for (;;) {
            while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
                ++p_;
            if (p_ == end_)
                return false;
            if (!comments_ || *p_ != '/' || end_ - p_ < 2)
                return true;
            if (p_[1] == '/') {
                const void* nl = std::memchr(p_ + 2, '\n', static_cast<std::size_t>(end_ - p_ - 2));
                p_ = nl ? static_cast<const char*>(nl) : end_;
            } else if (p_[1] == '*') {
                const char* q = p_ + 2;
                while (q + 1 < end_ && !(q[0] == '*' && q[1] == '/'))
                    ++q;
                if (q + 1 >= end_)
                    return false;
                p_ = q + 2;
            } else {
                return true;
            }
        }
    }

    bool literal(std::string_view word)
    {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
            return false;
        p_ += word.size();
        return true;
    }

    // Whether the UTF-8 sequence that starts at `p` has all its bytes before the end of the whole
    // text. basic_parser takes the bytes after a lead byte as the rest of its sequence, closing
    // quote included, and reports a sequence that the text's end cuts as `incomplete` at that end,
    // without the string: so `"\xE0"` at the very end is no string (its other checks of UTF-8
    // stop the parser before the byte, so the reader never gets that far).
    bool sequence_fits(const char* p) const noexcept
    {
        const auto lead = static_cast<unsigned char>(*p);
        const std::ptrdiff_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return text_end_ - p >= length;
    }

    // A string at `*p_ == '"'`: a view of the text when it has no escape, else of buffer_.
    bool read_string(std::string_view& out)
    {
        const char* start = ++p_;
        while (p_ != end_ && *p_ != '"' && *p_ != '\\') {
            if (static_cast<unsigned char>(*p_) >= 0xC0 && !sequence_fits(p_))
                return false;
            ++p_;
        }
        if (p_ == end_)
            return false;
        if (*p_ == '"') {
            out = std::string_view(start, static_cast<std::size_t>(p_ - start));
            ++p_;
            return true;
        }
        buffer_.assign(start, p_);
        while (p_ != end_) {
            const char c = *p_;
            if (c == '"') {
                ++p_;
                out = buffer_;
                return true;
            }
            if (c != '\\') {
                if (static_cast<unsigned char>(c) >= 0xC0 && !sequence_fits(p_))
                    return false;
                buffer_ += c;
                ++p_;
                continue;
            }
            if (end_ - p_ < 2)
                return false;
            const char e = p_[1];
            p_ += 2;
            switch (e) {
            case '"': buffer_ += '"'; break;
            case '\\': buffer_ += '\\'; break;
            case '/': buffer_ += '/'; break;
            case 'b': buffer_ += '\b'; break;
            case 'f': buffer_ += '\f'; break;
            case 'n': buffer_ += '\n'; break;
            case 'r': buffer_ += '\r'; break;
            case 't': buffer_ += '\t'; break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) { // a surrogate pair (the checker saw the second half)
                    unsigned low = 0;
                    if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                        return false;
                    p_ += 2;
                    if (!hex4(low))
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(cp);
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    bool hex4(unsigned& value)
    {
        if (end_ - p_ < 4)
            return false;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= static_cast<unsigned>(c - '0');
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                value |= static_cast<unsigned>((c | 0x20) - 'a' + 10);
            else
                return false;
        }
        return true;
    }

    void append_utf8(unsigned cp)
    {
        if (cp < 0x80) {
            buffer_ += static_cast<char>(cp);
        } else if (cp < 0x800) {
            buffer_ += static_cast<char>(0xC0 | (cp >> 6));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buffer_ += static_cast<char>(0xE0 | (cp >> 12));
            buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            buffer_ += static_cast<char>(0xF0 | (cp >> 18));
            buffer_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    static bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

    // The part of a number its last character is in, and what basic_parser reads as more of the
    // number after it (it ends the number, and reports it, at any other character).
    enum class part { zero, integer, fraction, exponent };
    static bool may_continue(part last, char c) noexcept
    {
        switch (last) {
        case part::zero: return c == '.' || c == 'e' || c == 'E';
        case part::integer: return digit(c) || c == '.' || c == 'e' || c == 'E';
        case part::fraction: return digit(c) || c == 'e' || c == 'E';
        case part::exponent: return digit(c);
        }
        return false;
    }

    // A number, classified as basic_parser does: an integer that fits std::int64_t, else a
    // non-negative one that fits std::uint64_t, else a double (correctly rounded; ±infinity or ±0
    // beyond the range of a double, as Boost.JSON gives them).
    result read_number(boost::system::error_code& ec)
    {
        const char* start = p_;
        const char* q = p_;
        const bool negative = q != end_ && *q == '-';
        if (negative)
            ++q;
        // Digits before the point, then the optional fraction and exponent. The text is cut when
        // a part that must have digits has none before its end.
        const char* int_begin = q;
        while (q != end_ && digit(*q))
            ++q;
        if (q == int_begin)
            return result::cut;
        // A leading zero ends the integer part (Boost.JSON reads "01" as 0, then fails at "1").
        if (*int_begin == '0')
            q = int_begin + 1;
        const char* int_end = q;
        part last = *int_begin == '0' ? part::zero : part::integer;
        bool integral = true;
        if (q != end_ && *q == '.') {
            last = part::fraction;
            integral = false;
            const char* f = ++q;
            while (q != end_ && digit(*q))
                ++q;
            if (q == f)
                return result::cut;
        }
        int exponent = 0;
        if (q != end_ && (*q == 'e' || *q == 'E')) {
            last = part::exponent;
            integral = false;
            ++q;
            bool exponent_negative = false;
            if (q != end_ && (*q == '+' || *q == '-'))
                exponent_negative = *q++ == '-';
            const char* e = q;
            while (q != end_ && digit(*q)) {
                if (exponent < 100000)
                    exponent = exponent * 10 + (*q - '0');
                ++q;
            }
            if (q == e)
                return result::cut;
            if (exponent_negative)
                exponent = -exponent;
        }
        if (q == end_ && end_ != text_end_ && may_continue(last, *end_))
            return result::cut; // the parser stopped inside this number
        p_ = q;
        const json_string text(start, static_cast<std::size_t>(q - start));
        if (integral) {
            std::uint64_t magnitude = 0;
            bool fits = true;
            for (const char* d = int_begin; d != int_end; ++d) {
                const unsigned v = static_cast<unsigned>(*d - '0');
                if (magnitude > (std::numeric_limits<std::uint64_t>::max() - v) / 10) {
                    fits = false;
                    break;
                }
                magnitude = magnitude * 10 + v;
            }
            if (fits && negative && magnitude <= std::uint64_t(1) << 63) {
                const std::int64_t v = magnitude == std::uint64_t(1) << 63 ? std::numeric_limits<std::int64_t>::min()
                                                                            : -static_cast<std::int64_t>(magnitude);
                return h_.on_int64(v, text, ec) ? result::done : result::handler_failed;
            }
            if (fits && !negative && magnitude <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                return h_.on_int64(static_cast<std::int64_t>(magnitude), text, ec) ? result::done
                                                                                   : result::handler_failed;
            if (fits && !negative)
                return h_.on_uint64(magnitude, text, ec) ? result::done : result::handler_failed;
        }
        double v = 0;
        const auto [end, error] = std::from_chars(start, q, v);
        if (error == std::errc::result_out_of_range) {
            // Above or below what a double holds: the power of ten of the first significant digit
            // tells which.
            const char* first = int_begin;
            int scale = static_cast<int>(int_end - int_begin) - 1;
            if (*first == '0') {
                const char* d = int_end + 1; // after the point (there is one, or the number is 0)
                scale = -1;
                while (d < q && *d == '0') {
                    ++d;
                    --scale;
                }
            }
            const double magnitude = scale + exponent > 0 ? std::numeric_limits<double>::infinity() : 0.0;
            v = negative ? -magnitude : magnitude;
        }
        (void)end;
        return h_.on_double(v, text, ec) ? result::done : result::handler_failed;
    }

    Handler& h_;
    bool comments_;
    const char* p_ = nullptr;
    const char* end_ = nullptr;
    const char* text_end_ = nullptr;
    std::vector<level> levels_;
    std::string buffer_;
};

template <class>
BOOST_NOINLINE void decode_into_checked(const sink* root_sink, void* root, std::string_view body,
                                        boost::system::error_code& ec, const decode_options& options,
                                        std::vector<diagnostic>& diagnostics)
{
    ec = {};
    boost::json::parse_options parse_options;
    parse_options.max_depth = options.max_depth + 1;
    parse_options.allow_comments = options.allow_comments;
    parse_options.allow_trailing_commas = options.allow_trailing_commas;

    // 1. The check: where Boost.JSON's parser stops, and why.
    boost::system::error_code parse_ec;
    std::size_t used = 0;
    {
        boost::json::monotonic_resource storage;
        boost::json::parser checker(boost::json::storage_ptr(), parse_options);
        checker.reset(&storage);
        used = checker.write_some(body.data(), body.size(), parse_ec);
    }
    // Boost.JSON 1.81 returns a meaningless count for a comment left open at the start of a value
    // ("/" with allow_comments): the error is `incomplete`, so the place is the end of the body.
    used = std::min(used, body.size());

    // 2. The events, up to where the parser stopped: a decode that fails keeps what came before
    // the error, as with basic_parser. A handler error (the root's kind, the depth) comes at or
    // before that place, so it is the one basic_parser would have reported.
    decode_handler handler(root_sink, root, options, diagnostics);
    json_replay<decode_handler> replay(handler, options.allow_comments);
    boost::system::error_code handler_ec;
    if (replay.run(body.data(), body.data() + used, body.data() + body.size(), handler_ec) ==
        json_replay<decode_handler>::result::handler_failed)
        parse_ec = handler_ec;
    finish_decode(handler, parse_ec, used, body, ec, options, diagnostics);
}

} // namespace renault::detail
