// renault-mock's JWTs: HS256 tokens signed with a key made at start-up, and their check (signature
// first, then the payload's `exp`), for the Gigya side that mints them and the Kamereon side that
// accepts them.
#include "api.hpp"

#include <renault/detail/base64.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace renault::mock {

using renault::detail::base64url_decode;
using renault::detail::base64url_encode;

jwt_signer::jwt_signer()
{
    if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
        std::random_device device;
        for (auto& b : key_)
            b = static_cast<unsigned char>(device());
    }
}

std::string jwt_signer::sign(const json::object& claims) const
{
    const std::string input =
        base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url_encode(json::serialize(claims));
    return input + "." + base64url_encode(mac(input));
}

jwt_signer::verdict jwt_signer::verify(std::string_view token, json::object& claims) const
{
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return verdict::malformed;
    // JWT segments are unpadded base64url (RFC 7515 §2): any other spelling is not our signature.
    const auto signature = base64url_decode(token.substr(second + 1), detail::base64_padding::forbidden);
    const std::string expected = mac(token.substr(0, second));
    if (!signature || signature->size() != expected.size() ||
        CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
        return verdict::bad_signature;
    const auto payload =
        base64url_decode(token.substr(first + 1, second - first - 1), detail::base64_padding::forbidden);
    if (!payload)
        return verdict::malformed;
    boost::system::error_code ec;
    json::value parsed = json::parse(*payload, ec);
    if (ec || !parsed.is_object())
        return verdict::malformed;
    const json::value* exp = parsed.get_object().if_contains("exp");
    if (!exp || !exp->is_number())
        return verdict::malformed;
    if (exp->to_number<double>() <= static_cast<double>(unix_seconds()))
        return verdict::expired;
    claims = std::move(parsed.get_object());
    return verdict::valid;
}

std::string jwt_signer::mac(std::string_view input) const
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(input.data()),
         input.size(), out, &length);
    return std::string(reinterpret_cast<const char*>(out), length);
}

} // namespace renault::mock
