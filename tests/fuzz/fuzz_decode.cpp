// Fuzz target: typed decoding of any body with any decode key (include/renault/model/decode.hpp).
//
// Input: the first byte picks the decode key (its value modulo the number of keys), the rest is
// the body. Properties, beyond "no crash, no sanitizer report, no exception but std::bad_alloc":
// - the four option sets (tolerant, strict, unknown keys reported, shallow max_depth) agree on
//   whether the body is JSON of the right shape, and strict fails exactly when tolerant reports
//   diagnostics;
// - a decoded value re-encodes to JSON that decodes again without error to the same value, and
//   encodes again to the same text (encode ∘ decode is a fixpoint after one round);
// - the header-only mode's driver (detail::decode_into_checked: Boost.JSON's compiled parser
//   checks the text, then a replay of its events) gives what the compiled mode's driver gives
//   (detail::decode_into, basic_parser): the same error, diagnostics and value, tolerant and with a
//   shallow max_depth, also when the body is not JSON.
#include "fuzz_target.hpp"

#include <renault/errc.hpp>
#include <renault/generated/endpoints.hpp>
#include <renault/model/corpus.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/encode.hpp>
#include <renault/model/envelope.hpp>
#include <renault/model/impl/decode_checked.ipp>

#include <boost/json/parse.hpp>

#include <algorithm>

namespace {

template <class Body>
renault::decoded<Body> decode_checked(std::string_view body, boost::system::error_code& ec,
                                      const renault::decode_options& options)
{
    renault::decoded<Body> result;
    result.raw = body;
    renault::detail::decode_into_checked(&renault::detail::sink_of<Body>::value, &result.value, body, ec, options,
                                         result.diagnostics);
    return result;
}

std::string diagnostics_text(const std::vector<renault::diagnostic>& diagnostics)
{
    std::string text;
    for (const auto& d : diagnostics)
        text += renault::to_string(d) + "\n";
    return text;
}

// decode<Body> (the compiled mode's driver, as this target is built) against decode_checked.
template <class Body>
void check_modes_agree(std::string_view body, const renault::decoded<Body>& compiled,
                       boost::system::error_code compiled_ec, const renault::decode_options& options)
{
    using renault::fuzz::check;
    boost::system::error_code ec;
    const auto checked = decode_checked<Body>(body, ec, options);
    check(ec == compiled_ec, "both drivers give the same error", ec.message() + " / " + compiled_ec.message());
    check(diagnostics_text(checked.diagnostics) == diagnostics_text(compiled.diagnostics),
          "both drivers give the same diagnostics",
          diagnostics_text(checked.diagnostics) + " / " + diagnostics_text(compiled.diagnostics));
    check(checked.value == compiled.value, "both drivers fill the same value");
}

template <class Body>
void check_body(std::string_view body)
{
    using renault::fuzz::check;
    boost::system::error_code ec;
    const auto tolerant = renault::decode<Body>(body, ec, {});
    const boost::system::error_code tolerant_ec = ec;
    check_modes_agree(body, tolerant, tolerant_ec, {});

    renault::decode_options strict_options;
    strict_options.strict = true;
    const auto strict = renault::decode<Body>(body, ec, strict_options);
    if (!tolerant_ec) {
        check(ec == (tolerant.diagnostics.empty() ? boost::system::error_code{}
                                                  : make_error_code(renault::errc::strict_decode_failed)),
              "strict fails exactly when the tolerant decode has diagnostics", ec.message());
        check(strict.value == tolerant.value, "strict and tolerant decoding fill the same value");
    } else {
        check(ec == tolerant_ec, "strict and tolerant decoding fail alike on a bad body", ec.message());
    }

    renault::decode_options unknown_keys;
    unknown_keys.report_unknown_keys = true;
    const auto reported = renault::decode<Body>(body, ec, unknown_keys);
    check(ec == tolerant_ec, "reporting unknown keys does not change the outcome", ec.message());
    if (!ec) {
        check(reported.value == tolerant.value, "reporting unknown keys does not change the value");
        check(reported.diagnostics.size() >= tolerant.diagnostics.size(), "reporting unknown keys only adds diagnostics");
    }

    renault::decode_options shallow;
    shallow.max_depth = 3;
    const auto shallow_result = renault::decode<Body>(body, ec, shallow);
    check_modes_agree(body, shallow_result, ec, shallow);
    if (ec)
        check(ec == make_error_code(renault::errc::nesting_too_deep) || ec == tolerant_ec,
              "a shallow max_depth fails only with nesting_too_deep", ec.message());

    if (tolerant_ec)
        return;
    const std::string first = renault::encode(tolerant.value);
    boost::system::error_code json_ec;
    (void)boost::json::parse(first, json_ec);
    check(!json_ec, "the encoded value is JSON", first);
    const auto again = renault::decode<Body>(first, ec, {});
    check(!ec, "the encoded value decodes again", first);
    check(again.value == tolerant.value, "decode(encode(value)) == value", first);
    const std::string second = renault::encode(again.value);
    check(second == first, "encode(decode(encode(value))) == encode(value)", first + "\n  " + second);
}

} // namespace

namespace renault::fuzz {

std::optional<std::string> fuzz_seed(std::string_view relative_path, std::string_view content)
{
    const auto key = decode_key_for_path(relative_path);
    if (!key)
        return std::nullopt;
    const auto& keys = decode_keys;
    const auto at = std::find(keys.begin(), keys.end(), *key);
    if (at == keys.end())
        return std::nullopt;
    std::string input(1, static_cast<char>(at - keys.begin()));
    input.append(content);
    return input;
}

} // namespace renault::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto& keys = renault::decode_keys;
    const std::string_view key = keys[data[0] % keys.size()];
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    const bool known = renault::visit_decode_key(key, [&]<class M, renault::body_shape S>() {
        check_body<renault::body_t<M, S>>(body);
    });
    renault::fuzz::check(known, "every entry of decode_keys is a decode key", key);
    return 0;
}
