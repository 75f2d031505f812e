// Helpers shared by the session tests: JWTs crafted with base64url_encode (detail/base64.hpp,
// tested on its own in tests/util), private temporary directories, whole-file reads and writes,
// file modes.
#pragma once

#include <renault/detail/base64.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sys/stat.h>
#include <unistd.h>

namespace renault::test {

using renault::detail::base64url_encode;

/// A signed-looking JWT (RS256 header, the given payload, a 342-character signature).
inline std::string make_jwt(std::string_view payload_json)
{
    std::string signature;
    for (int i = 0; signature.size() < 342; ++i)
        signature += "Qm9ndXNTaWduYXR1cmU-_" + std::to_string(i);
    signature.resize(342);
    return base64url_encode(R"({"typ":"JWT","alg":"RS256","kid":"REQ0MUQ5N0NCRTJEMzk3M0U1RkNDQ0U2RTMxMDZCMEJFNUNDOEUxNw","dc":"eu1"})") +
           "." + base64url_encode(payload_json) + "." + signature;
}

/// A JWT whose exp is `seconds_from_now` away (negative: expired).
inline std::string make_jwt_expiring_in(long long seconds_from_now)
{
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return make_jwt(R"({"iss":"https://fidm.gigya.com/jwt/3_VgdkgtIRH3AdHvJm/","sub":"a1b2c3","iat":)" +
                    std::to_string(now + seconds_from_now - 900) + R"(,"exp":)" +
                    std::to_string(now + seconds_from_now) + R"(,"data.personId":"person-id-1"})");
}

/// A fresh directory under the system's temporary directory, removed with everything in it.
class temp_dir {
public:
    temp_dir()
    {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("renault-session-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                 std::to_string(stamp));
        std::filesystem::create_directory(path_);
    }
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

inline void write_file(const std::filesystem::path& file, std::string_view content)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

/// The permission bits of a file (0600, 0700, …).
inline unsigned file_mode(const std::filesystem::path& file)
{
    struct ::stat info{};
    if (::stat(file.c_str(), &info) != 0)
        throw std::runtime_error("cannot stat " + file.string());
    return static_cast<unsigned>(info.st_mode) & 07777u;
}

} // namespace renault::test
