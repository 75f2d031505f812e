// Writing JSON string literals (include/renault/json_text.hpp): the escapes of both character
// sets, and the UTF-8 the ASCII form validates.
#include <renault/json_text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using renault::detail::append_json_string;
using renault::detail::json_charset;

namespace {

std::string quoted(std::string_view text, json_charset charset = json_charset::utf8)
{
    std::string out = "x=";
    CHECK(append_json_string(out, text, charset));
    return out;
}

bool accepted_as_ascii(std::string_view text)
{
    std::string out;
    return append_json_string(out, text, json_charset::ascii);
}

} // namespace

TEST_CASE("append_json_string appends a quoted string with quotes, backslashes and controls escaped")
{
    CHECK(quoted("") == "x=\"\"");
    CHECK(quoted("plain text") == "x=\"plain text\"");
    CHECK(quoted("a\"b\\c") == "x=\"a\\\"b\\\\c\"");
    CHECK(quoted("\b\f\n\r\t") == "x=\"\\b\\f\\n\\r\\t\"");
    CHECK(quoted(std::string_view("\x01\x1f\0", 3)) == "x=\"\\u0001\\u001f\\u0000\"");
}

TEST_CASE("append_json_string keeps UTF-8 and DEL as they are in the utf8 form")
{
    CHECK(quoted("\xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x97\x7F") == "x=\"\xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x97\x7F\"");
    CHECK(quoted("\xFF\xC3") == "x=\"\xFF\xC3\""); // not validated
}

TEST_CASE("append_json_string writes only ASCII in the ascii form, as Python's json.dumps")
{
    CHECK(quoted("a\"b\\c\n", json_charset::ascii) == "x=\"a\\\"b\\\\c\\n\"");
    CHECK(quoted("\xC3\xA9t\xC3\xA9", json_charset::ascii) == "x=\"\\u00e9t\\u00e9\"");
    CHECK(quoted("\xE2\x82\xAC", json_charset::ascii) == "x=\"\\u20ac\"");
    CHECK(quoted("\xF0\x9F\x9A\x97", json_charset::ascii) == "x=\"\\ud83d\\ude97\""); // a surrogate pair
    CHECK(quoted("\x7F", json_charset::ascii) == "x=\"\\u007f\"");
}

TEST_CASE("append_json_string refuses invalid UTF-8 in the ascii form")
{
    CHECK_FALSE(accepted_as_ascii("\xFF"));
    CHECK_FALSE(accepted_as_ascii("\xC3"));                 // cut sequence
    CHECK_FALSE(accepted_as_ascii("\xC3\x28"));             // bad continuation byte
    CHECK_FALSE(accepted_as_ascii("\xC0\xAF"));             // overlong '/'
    CHECK_FALSE(accepted_as_ascii("\xED\xA0\x80"));         // a surrogate, U+D800
    CHECK_FALSE(accepted_as_ascii("\xF4\x90\x80\x80"));     // above U+10FFFF
    CHECK(accepted_as_ascii("\xF4\x8F\xBF\xBF"));           // U+10FFFF itself
}
