// What the examples share for their offline demo: reading the fixture files the fake backend
// answers with (the real programs would use a real backend instead).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace example {

/// The bytes of a fixture file; exits with "FAILED" when it cannot be read.
inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cout << "FAILED: cannot read " << path << '\n';
        std::exit(1);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace example
