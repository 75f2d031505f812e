// base64 and base64url (include/renault/detail/base64.hpp): the RFC 4648 §10 test vectors, both
// alphabets, padding rules and invalid input.
#include <renault/detail/base64.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using renault::detail::base64_alphabet;
using renault::detail::base64_decode;
using renault::detail::base64_encode;
using renault::detail::base64_padding;
using renault::detail::base64url_decode;
using renault::detail::base64url_encode;

namespace {

// RFC 4648 §10: the input and its standard, padded encoding.
const std::vector<std::pair<std::string, std::string>> rfc_vectors{
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

// Bytes whose encodings use the two characters in which the alphabets differ (62 and 63).
const std::string high_bytes("\xfb\xff\xbf\xfe", 4);

} // namespace

TEST_CASE("base64_encode gives the RFC 4648 test vectors")
{
    for (const auto& [plain, encoded] : rfc_vectors) {
        INFO(plain);
        CHECK(base64_encode(plain) == encoded);
    }
    CHECK(base64_encode(high_bytes) == "+/+//g==");
    CHECK(base64_encode(std::string("\0\0\0", 3)) == "AAAA");
}

TEST_CASE("base64url_encode uses '-' and '_' and no padding")
{
    const std::vector<std::pair<std::string, std::string>> expected{
        {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : expected) {
        INFO(plain);
        CHECK(base64url_encode(plain) == encoded);
    }
    CHECK(base64url_encode(high_bytes) == "-_-__g");
    CHECK(base64url_encode(R"({"alg":"HS256","typ":"JWT"})") == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
}

TEST_CASE("base64_decode reads the RFC 4648 test vectors with and without padding")
{
    for (const auto& [plain, encoded] : rfc_vectors) {
        INFO(encoded);
        CHECK(base64_decode(encoded) == plain);
        std::string bare = encoded;
        while (!bare.empty() && bare.back() == '=')
            bare.pop_back();
        CHECK(base64_decode(bare) == plain);
        CHECK(base64url_decode(bare) == plain);
        CHECK(base64url_decode(bare, base64_padding::forbidden) == plain);
    }
    CHECK(base64_decode("+/+//g==") == high_bytes);
    CHECK(base64url_decode("-_-__g==") == high_bytes);
    CHECK(base64url_decode("-_-__g") == high_bytes);
}

TEST_CASE("base64_decode round-trips every byte value")
{
    std::string all;
    for (int b = 0; b < 256; ++b)
        all += static_cast<char>(b);
    for (std::size_t length = 0; length <= all.size(); length += 37) {
        const std::string bytes = all.substr(0, length);
        CHECK(base64_decode(base64_encode(bytes)) == bytes);
        CHECK(base64url_decode(base64url_encode(bytes)) == bytes);
    }
}

TEST_CASE("base64_decode keeps each alphabet to its own characters unless told either")
{
    CHECK_FALSE(base64_decode("-_-__g==").has_value());
    CHECK_FALSE(base64url_decode("+/+//g==").has_value());
    CHECK(base64_decode("-/+_/g", base64_alphabet::either) == high_bytes);
    CHECK(base64_decode("+/+//g==", base64_alphabet::either) == high_bytes);
}

TEST_CASE("base64_decode rejects invalid input")
{
    const std::vector<std::string> bad{
        "Z",        // a last group of one character
        "Zm9vY",    // the same after a whole group
        "Zg=",      // padding that does not complete the group
        "Zm8==",    // too much padding
        "Zg===",    // three '='
        "====",     // padding alone
        "=",        //
        "Zm=v",     // '=' inside
        "Zg==Zg==", // '=' before the end
        "Zm9v!",    // a character of no alphabet
        "Zm 9v",    // a space
        "Zm9v\n",   // a line break
        std::string("Zm\0v", 4),
        "\xc3\xa9\xc3\xa9", // UTF-8 "éé"
    };
    for (const auto& text : bad) {
        INFO(text);
        CHECK_FALSE(base64_decode(text).has_value());
        CHECK_FALSE(base64url_decode(text).has_value());
        CHECK_FALSE(base64_decode(text, base64_alphabet::either).has_value());
    }
}

TEST_CASE("base64url_decode with padding forbidden rejects any '='")
{
    CHECK_FALSE(base64url_decode("Zg==", base64_padding::forbidden).has_value());
    CHECK_FALSE(base64url_decode("Zm8=", base64_padding::forbidden).has_value());
    CHECK(base64url_decode("Zm8", base64_padding::forbidden) == "fo");
    CHECK(base64url_decode("", base64_padding::forbidden) == "");
}
