// Reading fixtures/ from tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace renault::test {

inline std::filesystem::path fixtures_dir()
{
    return RENAULT_FIXTURES_DIR;
}

/// The bytes of fixtures/<relative>; throws when the file cannot be read.
inline std::string read_fixture(std::string_view relative)
{
    std::ifstream in(fixtures_dir() / relative, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read fixture " + std::string(relative));
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

/// Every file under fixtures/, as paths relative to it with '/' separators, sorted.
inline std::vector<std::string> all_fixtures()
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures_dir()))
        if (entry.is_regular_file())
            files.push_back(entry.path().lexically_relative(fixtures_dir()).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace renault::test
