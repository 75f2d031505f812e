// Decoding a fixture in strict mode inside a Catch2 test: no error, no diagnostic.
#pragma once

#include <renault/model.hpp>

#include "support/fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace renault::test {

/// fixtures/<path> decoded as model M in shape S; fails the test (listing the diagnostics) unless
/// it decodes strictly without any diagnostic.
template <class M, body_shape S>
body_t<M, S> decode_fixture_strictly(std::string_view path)
{
    INFO("fixture " << path << " as " << model_traits<M>::name);
    std::string body = read_fixture(path);
    boost::system::error_code ec;
    auto result = decode<body_t<M, S>>(body, ec, {.strict = true});
    for (const auto& d : result.diagnostics)
        UNSCOPED_INFO(to_string(d));
    CHECK_FALSE(ec);
    CHECK(result.diagnostics.empty());
    return std::move(result.value);
}

} // namespace renault::test
