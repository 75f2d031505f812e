// The two drivers of decode<T>() give the same results (model/decode.hpp, detail::decode_into):
// the compiled mode's, where Boost.JSON's basic_parser calls the handler, and the header-only
// mode's, where Boost.JSON's compiled parser checks the text and json_replay then gives the handler
// the same events (model/impl/decode_checked.ipp). This executable is built in the compiled mode
// and includes the header-only driver itself; fuzz_decode checks the same for every body type.
#include <renault/model.hpp>
#include <renault/model/impl/decode.ipp>
#include <renault/model/impl/decode_checked.ipp>

#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include "support/table_models.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Writes every event as a line; keys and strings that come in parts are written whole. A double
// is written as the decoder's handler reads it (exact_double for long texts), as its bits.
struct event_log {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using error_code = boost::system::error_code;
    using json_string = boost::json::string_view;

    std::string text;
    std::string part;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return line("{"); }
    bool on_object_end(std::size_t n, error_code&) { return line("} " + std::to_string(n)); }
    bool on_array_begin(error_code&) { return line("["); }
    bool on_array_end(std::size_t n, error_code&) { return line("] " + std::to_string(n)); }
    bool on_key_part(json_string s, std::size_t, error_code&) { return append(s); }
    bool on_key(json_string s, std::size_t, error_code&) { return whole("key ", s); }
    bool on_string_part(json_string s, std::size_t, error_code&) { return append(s); }
    bool on_string(json_string s, std::size_t, error_code&) { return whole("string ", s); }
    bool on_number_part(json_string, error_code&) { return true; } // at the end of a text cut inside a number
    bool on_int64(std::int64_t v, json_string, error_code&) { return line("int64 " + std::to_string(v)); }
    bool on_uint64(std::uint64_t v, json_string, error_code&) { return line("uint64 " + std::to_string(v)); }
    bool on_double(double v, json_string s, error_code&)
    {
        const std::string_view t(s.data(), s.size());
        if (renault::detail::needs_exact_reading(t))
            v = renault::detail::exact_double(v, t);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        return line("double " + std::to_string(bits) + " " + std::string(t));
    }
    bool on_bool(bool v, error_code&) { return line(v ? "true" : "false"); }
    bool on_null(error_code&) { return line("null"); }
    bool on_comment_part(json_string, error_code&) { return true; }
    bool on_comment(json_string, error_code&) { return true; }

private:
    bool line(const std::string& l)
    {
        text += l;
        text += '\n';
        return true;
    }
    bool append(json_string s)
    {
        part.append(s.data(), s.size());
        return true;
    }
    bool whole(const char* what, json_string s)
    {
        part.append(s.data(), s.size());
        line(what + part);
        part.clear();
        return true;
    }
};

struct outcome {
    std::string events;
    boost::system::error_code ec;
    std::size_t used = 0;
};

boost::json::parse_options parse_options(bool extensions)
{
    boost::json::parse_options o;
    o.max_depth = 65;
    o.allow_comments = extensions;
    o.allow_trailing_commas = extensions;
    return o;
}

outcome with_basic_parser(std::string_view text, bool extensions)
{
    boost::json::basic_parser<event_log> parser(parse_options(extensions));
    outcome out;
    out.used = std::min(parser.write_some(false, text.data(), text.size(), out.ec), text.size()); // as decode_into
    out.events = parser.handler().text;
    return out;
}

outcome with_replay(std::string_view text, bool extensions)
{
    outcome out;
    boost::json::parser checker(boost::json::storage_ptr(), parse_options(extensions));
    out.used = std::min(checker.write_some(text.data(), text.size(), out.ec), text.size()); // as decode_into_checked
    event_log log;
    renault::detail::json_replay<event_log> replay(log, extensions);
    boost::system::error_code ec;
    const auto r = replay.run(text.data(), text.data() + out.used, text.data() + text.size(), ec);
    // On a valid document the replay reads it to its end; before an error it stops there.
    if (!out.ec && r != renault::detail::json_replay<event_log>::result::done)
        log.text += "replay stopped early\n";
    out.events = log.text;
    return out;
}

// One line per difference, empty when the two agree.
std::string compare(std::string_view text, bool extensions)
{
    const outcome a = with_basic_parser(text, extensions);
    const outcome b = with_replay(text, extensions);
    std::string d;
    if (a.ec != b.ec)
        d += "error: " + a.ec.message() + " / " + b.ec.message() + "\n";
    if (a.used != b.used)
        d += "stopped at: " + std::to_string(a.used) + " / " + std::to_string(b.used) + "\n";
    if (a.events != b.events)
        d += "events:\n" + a.events + "---\n" + b.events;
    return d;
}

void check_same(std::string_view text)
{
    for (bool extensions : {false, true}) {
        INFO("text: " << text << "\nextensions: " << extensions);
        CHECK(compare(text, extensions) == "");
    }
}

std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> fixture_bodies()
{
    std::vector<std::string> bodies;
    for (const auto& e : std::filesystem::recursive_directory_iterator(RENAULT_FIXTURES_DIR))
        if (e.is_regular_file() && e.path().extension() == ".json")
            bodies.push_back(read_file(e.path()));
    return bodies;
}

} // namespace

TEST_CASE("the replay gives basic_parser's events for numbers, strings, literals and nesting", "[decode_modes]")
{
    const char* cases[] = {
        // numbers: int64, uint64, doubles, beyond double, exponents, leading zeros, signs
        "0", "-0", "-0.0", "7", "-7", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
        "1.5", "-1.25e3", "1E2", "1e+2", "1e-2", "0e0", "0.1", "0.30000000000000004", "48.8566140000000012",
        "2.2250738585072014e-308", "4.9e-324", "2.4e-324", "1e-400", "-1e-400", "1e400", "-1e400",
        "0.000000000000000000000000001e-300", "123456789e300", "1e99999999999", "01", "-01", "1.", "1.e5", "-",
        "-a", ".5", "+1", "1e", "1e+", "00", "1x", "[1,2,3]", "[-0,0.0,1e0]",
        // strings and escapes
        R"("")", R"("abc")", R"("a\"b")", R"("\\\/\b\f\n\r\t")", R"("\u00e9\u20ac")", R"("\ud83d\ude00")",
        R"("\ud83d")", R"("\ude00")", R"("\ud83d\u0041")", R"("\u12")", R"("\u12g4")", R"("\x")", "\"a\x01b\"",
        "\"caf\xc3\xa9\"", "\"\xff\"", "\"\xc3\"", "\"\xe2\x82\"", "\"abc", "\"abc\\", R"("\u)",
        // a lead byte whose sequence the end of the text cuts (the closing quote counts as one of its bytes)
        "\"\xe0\"", "\"a\xf0\x9f\"", "[\"\xe0\"", "\"\\n\xe0\"", "{\"k\xc3\"",
        // literals
        "true", "false", "null", "tru", "fals", "nul", "trux", "falsey", "nullx", "t", "True",
        // containers, keys, nesting, commas
        "{}", "[]", R"({"a":1})", R"({"a":{"b":[1,{"c":null}]},"d":"e"})", R"({"a" 1})", R"({"a":})", R"({a:1})",
        R"({"a":1,})", "[1,]", "[,]", "{,}", R"({"a":1 "b":2})", "[1 2]", "[[[]]]", "[[[", "]", "}", R"({"a":1}})",
        R"({"k\u00e9y":"v"})", R"({"a":1,"a":2})",
        // white space and comments
        " \t\r\n {} \n", "// c\n{}", "/* c */ [1, /* two */ 2]", "{\"a\": 1 // end\n}", "[1] // after", "/", "/x",
        "/* open", "[1,/*x*/]", "{\"a\":1,/*x*/}",
        // not JSON at all
        "", "   ", "<html>502</html>", "{'a': 1}",
    };
    for (const char* c : cases)
        check_same(c);
}

TEST_CASE("the replay gives basic_parser's events for every fixture, cut anywhere or with a byte changed",
          "[decode_modes]")
{
    const auto bodies = fixture_bodies();
    REQUIRE(bodies.size() > 50);
    std::size_t compared = 0;
    std::size_t failures = 0;
    const std::string replacements = "\"\\{}[],:0-e.x/* \x01\xff";
    for (std::size_t b = 0; b < bodies.size(); ++b) {
        const std::string& body = bodies[b];
        check_same(body);
        // Every eighth fixture: every cut, and every other byte replaced by each of the characters
        // above (about 145,000 texts; fuzz_decode mutates every fixture at random besides).
        if (b % 8 != 0 || body.size() > 4096)
            continue;
        for (std::size_t cut = 0; cut < body.size(); ++cut) {
            for (bool extensions : {false, true}) {
                ++compared;
                if (const std::string d = compare(std::string_view(body).substr(0, cut), extensions); !d.empty()) {
                    if (++failures <= 3)
                        FAIL_CHECK("cut at " << cut << ":\n" << d);
                }
            }
        }
        std::string changed = body;
        for (std::size_t i = b % 16 / 8; i < body.size(); i += 2) {
            for (char r : replacements) {
                changed[i] = r;
                for (bool extensions : {false, true}) {
                    ++compared;
                    if (const std::string d = compare(changed, extensions); !d.empty()) {
                        if (++failures <= 3)
                            FAIL_CHECK("byte " << i << " replaced by '" << r << "':\n" << changed << "\n" << d);
                    }
                }
            }
            changed[i] = body[i];
        }
    }
    CHECK(failures == 0);
    CHECK(compared > 50000);
}

using test_models::table_file;

TEST_CASE("both drivers decode files with comments, tables and JSON values alike", "[decode_modes]")
{
    using renault::detail::sink_of;
    // (table_file: version and list hold JSON values, entries and values are tables, count an integer.)
    const char* bodies[] = {
        R"({"version": {"major": 1, "tags": ["a", "b"]}, "entries": {"x": {"label": "X", "flags": {"on": true}}},
            "list": [1, "two", null, [3.5]], "count": 2, "values": {"a": 0.1, "b": [1e400]}})",
        "// a file\n{\"count\": 1, /* the entries */ \"entries\": {\"a\": {\"flags\": {\"x\": true,},},},}\n// end\n",
        R"({"count": "one", "values": {"big": 1e400}, "entries": {"a": null, "b": {"flags": {"x": 1}}}, "extra": [1]})",
        R"({"entries": {"a": {"label": "A"}}, "count": 1} trailing)",
        R"({"list": [{"deep": [[[[1]]]]}], "count": 1})",
        R"([1, 2])",
        R"({"count": 1, "version": [1, 2, {"x": tru}]})",
        R"({"count": 9223372036854775808, "values": {"long": 123456789012345678901234567890, "e": 1.5e-7}})",
        R"({"count": 1e400})",
        "",
    };
    for (const char* body : bodies) {
        for (bool extensions : {false, true}) {
            for (std::size_t depth : {std::size_t(64), std::size_t(3)}) {
                renault::decode_options options;
                options.allow_comments = extensions;
                options.allow_trailing_commas = extensions;
                options.file_messages = extensions;
                options.null_is_absent = !extensions;
                options.report_unknown_keys = true;
                options.max_depth = depth;
                table_file a, b;
                std::vector<renault::diagnostic> da, db;
                boost::system::error_code ea, eb;
                renault::detail::decode_into(&sink_of<table_file>::value, &a, body, ea, options, da);
                renault::detail::decode_into_checked(&sink_of<table_file>::value, &b, body, eb, options, db);
                INFO("body: " << body << "\nextensions: " << extensions << ", max_depth " << depth);
                CHECK(ea == eb);
                REQUIRE(da.size() == db.size());
                for (std::size_t i = 0; i < da.size(); ++i)
                    CHECK(renault::to_string(da[i]) == renault::to_string(db[i]));
                CHECK(a == b);
            }
        }
    }
}
