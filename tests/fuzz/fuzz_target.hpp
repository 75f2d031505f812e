// What every fuzz target of tests/fuzz provides, and how it reports a broken property.
//
// A target is one function with libFuzzer's signature, LLVMFuzzerTestOneInput, plus
// fuzz_seed(), which turns a file of fixtures/ into an input of the target's format (so the
// fixtures are the seed corpus). The same target links either with libFuzzer (clang,
// -fsanitize=fuzzer) or with driver.cpp, the project's own small mutation driver that CTest runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace renault::fuzz {

/// The input of this target made from the fixture at `relative_path` (relative to the fixtures
/// directory, '/' separated) with content `content`; std::nullopt when the file is no seed.
std::optional<std::string> fuzz_seed(std::string_view relative_path, std::string_view content);

/// Reports a broken property and aborts (libFuzzer and the driver then keep the input).
[[noreturn]] inline void fail(const char* property, std::string_view detail = {})
{
    std::fprintf(stderr, "fuzz property broken: %s\n", property);
    if (!detail.empty())
        std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
    std::abort();
}

inline void check(bool holds, const char* property, std::string_view detail = {})
{
    if (!holds)
        fail(property, detail);
}

} // namespace renault::fuzz
