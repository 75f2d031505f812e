// Fuzz target: response handling (include/renault/protocol/response.hpp), what the client does
// with every answer before it decodes the body.
//
// Input: byte 0 picks the server (bit 3: Gigya, else Kamereon), the HTTP status (bits 0-2: 200,
// 400, 401, 403, 404, 429, 500, 502) and whether a Retry-After header is sent (bit 4: its value is
// the body's first line, at most 16 bytes); byte 1 picks the decode key used on a success; the
// rest is the body. Properties, beyond "no crash, no sanitizer report":
// - the excerpt of a body is short (at most 160 bytes plus "…") and holds no JWT and no token of
//   32 characters or more, whatever the body holds;
// - the diagnostics are empty exactly when the answer is a success;
// - a Kamereon HTTP 429 is quota_limit unless errors[] names a known Kamereon code, and every
//   4xx/5xx is an error;
// - retry_after_seconds is never negative, and set only for quota errors;
// - a Kamereon success is then decoded with the key of byte 1 without crashing.
#include "fuzz_target.hpp"

#include <renault/errc.hpp>
#include <renault/generated/endpoints.hpp>
#include <renault/model/corpus.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/envelope.hpp>
#include <renault/protocol/response.hpp>

#include <algorithm>
#include <array>

namespace {

constexpr std::array<unsigned, 8> statuses{200, 400, 401, 403, 404, 429, 500, 502};

void check_excerpt(const std::string& excerpt)
{
    using renault::fuzz::check;
    check(excerpt.size() <= 160 + 3, "an excerpt is at most 160 bytes plus the ellipsis", excerpt);
    std::size_t i = 0;
    while (i < excerpt.size()) {
        if (!renault::protocol::detail::is_token_char(excerpt[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < excerpt.size() && renault::protocol::detail::is_token_char(excerpt[end]))
            ++end;
        const std::string_view run = std::string_view(excerpt).substr(i, end - i);
        check(run.size() < 32, "an excerpt holds no token of 32 characters or more", excerpt);
        check(!renault::protocol::detail::holds_jwt(run), "an excerpt holds no JWT", excerpt);
        i = end;
    }
}

} // namespace

namespace renault::fuzz {

std::optional<std::string> fuzz_seed(std::string_view relative_path, std::string_view content)
{
    const bool gigya = relative_path.substr(0, 6) == "gigya/";
    const bool error = relative_path.find("error/") != std::string_view::npos;
    std::uint8_t control = gigya ? 0x08 : 0x00;
    if (error && !gigya) // Kamereon errors come with 4xx statuses; 403 is the commonest
        control |= 3;
    const auto key = decode_key_for_path(relative_path);
    const auto at = key ? std::find(decode_keys.begin(), decode_keys.end(), *key) : decode_keys.end();
    std::string input;
    input += static_cast<char>(control);
    input += static_cast<char>(at == decode_keys.end() ? 0 : at - decode_keys.begin());
    input.append(content);
    return input;
}

} // namespace renault::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using renault::fuzz::check;
    if (size < 2)
        return 0;
    const std::uint8_t control = data[0];
    const std::string_view key = renault::decode_keys[data[1] % renault::decode_keys.size()];
    renault::http::response response;
    response.status = statuses[control & 7];
    response.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    if (control & 0x10) {
        const std::string_view line = std::string_view(response.body).substr(0, response.body.find('\n'));
        response.headers.push_back({"Retry-After", std::string(line.substr(0, 16))});
    }
    const bool gigya = (control & 0x08) != 0;

    renault::server_diagnostics diag;
    const boost::system::error_code ec = gigya ? renault::protocol::classify_gigya(response, diag)
                                               : renault::protocol::classify_kamereon(response, diag);
    check_excerpt(diag.excerpt);
    check(diag.empty() == !ec, "the diagnostics are empty exactly on a success", ec.message());
    check(diag.retry_after_seconds >= 0, "retry_after_seconds is never negative");
    if (diag.retry_after_seconds > 0)
        check(ec == make_error_code(renault::errc::quota_limit), "only a quota error carries a Retry-After");
    if (response.status >= 400)
        check(static_cast<bool>(ec), "an HTTP error status is never a success");
    if (!gigya && response.status == 429) {
        const renault::server_error_info* row = renault::find_server_error(std::string_view(diag.code));
        if (!row || row->source != renault::error_source::kamereon)
            check(ec == make_error_code(renault::errc::quota_limit),
                  "Kamereon's HTTP 429 without a known Kamereon code is quota_limit", ec.message());
    }

    if (!ec && !gigya) {
        renault::visit_decode_key(key, [&]<class M, renault::body_shape S>() {
            boost::system::error_code decode_ec;
            (void)renault::decode<renault::body_t<M, S>>(response.body, decode_ec);
        });
    }
    return 0;
}
