// The file credential store when the file is shared or odd: concurrent writers through separate
// stores (the lock), a FIFO, socket or directory at the path (refused at once), a symbolic link
// (kept, its target written), a file others may write (a warning), a key given twice (an error),
// and update() (one change).
#include <renault/detail/file_ops.hpp>
#include <renault/session/file_credential_store.hpp>

#include "session/session_support.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace {

using renault::credential;
using renault::errc;
namespace fs = std::filesystem;
using renault::test::file_mode;
using renault::test::read_file;
using renault::test::temp_dir;
using renault::test::write_file;

std::vector<std::string> files_in(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

struct open_result {
    bool opened = false;
    boost::system::error_code ec;
    std::string message;
};

/// Opens the store at `file` on another thread and waits at most 10 s for it. When that thread is
/// still blocked (opening a FIFO that has no writer), opens the FIFO for writing to release it,
/// so that the test fails rather than hangs.
open_result open_within_10_s(const fs::path& file, bool* timed_out)
{
    auto pending = std::async(std::launch::async, [file] {
        open_result r;
        r.opened = renault::file_credential_store::open(file, r.ec, r.message) != nullptr;
        return r;
    });
    *timed_out = pending.wait_for(std::chrono::seconds(10)) != std::future_status::ready;
    if (*timed_out) {
        const int fd = ::open(file.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }
    return pending.get();
}

} // namespace

TEST_CASE("file store: stores on one file changed at the same time from 20 threads lose no key")
{
    temp_dir dir;
    const fs::path file = dir.path() / "credentials" / "renault-api.json";
    renault::file_credential_store::open(file)->set("locale", credential{"fr_FR"});

    constexpr int writers = 20;
    constexpr int rounds = 3;
    // Every store is opened (the file read) before any writes: each change must be applied to the
    // file as it is then, not to what its store read.
    std::vector<std::unique_ptr<renault::file_credential_store>> stores;
    for (int i = 0; i < writers; ++i)
        stores.push_back(renault::file_credential_store::open(file));
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < writers; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < writers)
                std::this_thread::yield();
            for (int round = 0; round < rounds; ++round) {
                boost::system::error_code ec;
                stores[static_cast<std::size_t>(i)]->set("key-" + std::to_string(i) + "-" + std::to_string(round),
                                                         credential{"value-" + std::to_string(i)}, ec);
                if (ec)
                    ++failures;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(failures.load() == 0);

    const auto final_store = renault::file_credential_store::open(file);
    CHECK(final_store->get("locale") == "fr_FR");
    for (int i = 0; i < writers; ++i)
        for (int round = 0; round < rounds; ++round) {
            const std::string key = "key-" + std::to_string(i) + "-" + std::to_string(round);
            INFO(key);
            CHECK(final_store->get(key) == "value-" + std::to_string(i));
        }
    CHECK(final_store->entries().size() == 1 + writers * rounds);
    CHECK(file_mode(file) == 0600);
    CHECK(files_in(file.parent_path()) == std::vector<std::string>{"renault-api.json", "renault-api.json.lock"});
    // The last store to write holds the whole file (its change was applied to it).
    std::size_t largest = 0;
    for (const auto& s : stores)
        largest = std::max(largest, s->entries().size());
    CHECK(largest == 1 + writers * rounds);
}

TEST_CASE("file store: a change waits for the lock another holder keeps")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    renault::detail::file_lock held;
    REQUIRE(held.lock(fs::path(file.native() + ".lock"), std::chrono::milliseconds(0)) == 0);
    auto pending = std::async(std::launch::async, [&] {
        boost::system::error_code ec;
        store->set("vin", credential{"VF1AAAAA555777999"}, ec);
        return ec;
    });
    CHECK(pending.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    CHECK_FALSE(fs::exists(file)); // not written while the lock is held
    held.unlock();
    CHECK_FALSE(pending.get());
    CHECK(read_file(file) == R"({"vin": "VF1AAAAA555777999"})");
}

TEST_CASE("file store: a FIFO at the path is refused at once, naming the path")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
    bool timed_out = false;
    const auto started = std::chrono::steady_clock::now();
    const open_result r = open_within_10_s(file, &timed_out);
    CHECK_FALSE(timed_out);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK_FALSE(r.opened);
    CHECK(r.ec == errc::credential_store_io);
    CHECK(r.message == "cannot read the credential file " + file.string() + ": not a regular file");
}

TEST_CASE("file store: a socket or a directory at the path is refused, naming the path")
{
    temp_dir dir;
    const fs::path socket_file = dir.path() / "socket.json";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    ::sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(socket_file.native().size() < sizeof address.sun_path);
    std::strcpy(address.sun_path, socket_file.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<const ::sockaddr*>(&address), sizeof address) == 0);
    boost::system::error_code ec;
    std::string message;
    CHECK(renault::file_credential_store::open(socket_file, ec, message) == nullptr);
    ::close(fd);
    CHECK(ec == errc::credential_store_io);
    CHECK(message == "cannot read the credential file " + socket_file.string() + ": not a regular file");

    const fs::path directory = dir.path() / "directory.json";
    fs::create_directory(directory);
    CHECK(renault::file_credential_store::open(directory, ec, message) == nullptr);
    CHECK(ec == errc::credential_store_io);
    CHECK(message == "cannot read the credential file " + directory.string() + ": not a regular file");
}

TEST_CASE("file store: a FIFO put at the path after opening makes a change fail, without waiting")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
    auto pending = std::async(std::launch::async, [&] {
        boost::system::error_code ec;
        store->set("vin", credential{"VF1AAAAA555777999"}, ec);
        return ec;
    });
    const bool done = pending.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    if (!done) { // release the blocked open rather than hang
        const int fd = ::open(file.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }
    CHECK(done);
    CHECK(pending.get() == errc::credential_store_io);
    CHECK(store->last_error() == "cannot read the credential file " + file.string() + ": not a regular file");
    struct ::stat info{};
    REQUIRE(::lstat(file.c_str(), &info) == 0);
    CHECK(S_ISFIFO(info.st_mode)); // left as it is
}

TEST_CASE("file store: a symbolic link at the path is kept and the file it leads to is replaced")
{
    temp_dir dir;
    const fs::path real_dir = dir.path() / "private";
    fs::create_directory(real_dir);
    const fs::path target = real_dir / "renault.json";
    write_file(target, R"({"locale": "fr_FR"})");
    const fs::path link_dir = dir.path() / "home";
    fs::create_directory(link_dir);
    const fs::path link = link_dir / "renault-api.json";
    fs::create_symlink("../private/renault.json", link); // relative, as dotfile managers make them

    auto store = renault::file_credential_store::open(link);
    CHECK(store->get("locale") == "fr_FR");
    store->set("vin", credential{"VF1AAAAA555777999"});
    CHECK(fs::is_symlink(link));
    CHECK(fs::read_symlink(link) == fs::path("../private/renault.json"));
    CHECK(read_file(target) == R"({"locale": "fr_FR", "vin": "VF1AAAAA555777999"})");
    CHECK(file_mode(target) == 0600);
    // The lock and the temporary file live beside the target; nothing is added beside the link.
    CHECK(files_in(link_dir) == std::vector<std::string>{"renault-api.json"});
    CHECK(files_in(real_dir) == std::vector<std::string>{"renault.json", "renault.json.lock"});

    SECTION("a chain of links and a dangling link")
    {
        const fs::path second = link_dir / "second.json";
        fs::create_symlink(link, second); // absolute, to the first link
        renault::file_credential_store::open(second)->set("country", credential{"FR"});
        CHECK(fs::is_symlink(second));
        CHECK(fs::is_symlink(link));
        CHECK(read_file(target) == R"({"locale": "fr_FR", "vin": "VF1AAAAA555777999", "country": "FR"})");

        const fs::path dangling = link_dir / "dangling.json";
        fs::create_symlink(real_dir / "new.json", dangling);
        auto fresh = renault::file_credential_store::open(dangling);
        CHECK(fresh->entries().empty());
        fresh->set("locale", credential{"de_DE"});
        CHECK(fs::is_symlink(dangling));
        CHECK(read_file(real_dir / "new.json") == R"({"locale": "de_DE"})");
        CHECK(file_mode(real_dir / "new.json") == 0600);
    }
    SECTION("a loop of links is an error naming the file")
    {
        const fs::path a = link_dir / "a.json";
        const fs::path b = link_dir / "b.json";
        fs::create_symlink(b, a);
        fs::create_symlink(a, b);
        boost::system::error_code ec;
        std::string message;
        CHECK(renault::file_credential_store::open(a, ec, message) == nullptr);
        CHECK(ec == errc::credential_store_io);
        CHECK(message.find(a.string()) != std::string::npos);
    }
}

TEST_CASE("file store: a file its group or others may write gives a warning naming it, and no secret")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    write_file(file, R"({"locale": "fr_FR", "gigya_login_token": "secret-login-token-value"})");
    struct sample {
        unsigned mode;
        bool warned;
    };
    for (const sample s : {sample{0600, false}, sample{0644, false}, sample{0640, false}, sample{0400, false},
                           sample{0620, true}, sample{0602, true}, sample{0664, true}, sample{0666, true}}) {
        INFO(s.mode);
        REQUIRE(::chmod(file.c_str(), s.mode) == 0);
        auto store = renault::file_credential_store::open(file);
        CHECK(store->warning().empty() != s.warned);
        if (s.warned) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", s.mode);
            CHECK(store->warning() == "the credential file " + file.string() +
                                          " is writable by its group or others (mode " + mode +
                                          "); it holds your login: run chmod 600 on it");
            CHECK(store->warning().find("secret-login") == std::string::npos);
        }
    }
    REQUIRE(::chmod(file.c_str(), 0666) == 0);
    auto store = renault::file_credential_store::open(file);
    store->set("vin", credential{"VF1AAAAA555777999"});
    CHECK(file_mode(file) == 0600); // the next write makes it private again
    CHECK(renault::file_credential_store::open(file)->warning().empty());
}

TEST_CASE("file store: a key given twice in the file is an error naming the key, never its values")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    struct sample {
        std::string content;
        std::string key;
    };
    const std::vector<sample> samples{
        {R"({"vin": "VF1AAAAA555777999", "locale": "fr_FR", "vin": "VF1AAAAA555777000"})", R"("vin")"},
        {R"({"gigya_login_token": "secret-token-1", "gigya_login_token": "secret-token-2"})", R"("gigya_login_token")"},
        // An expired JWT is dropped on load, but given twice it is still an error.
        {R"({"gigya_jwt": "not-a-jwt", "gigya_jwt": "not-a-jwt-either"})", R"("gigya_jwt")"},
        {R"({"a\u0062": "x", "ab": "y"})", R"("ab")"}, // the same key, escaped once
    };
    for (const auto& s : samples) {
        INFO(s.content);
        write_file(file, s.content);
        boost::system::error_code ec;
        std::string message;
        CHECK(renault::file_credential_store::open(file, ec, message) == nullptr);
        CHECK(ec == errc::credential_store_corrupt);
        CHECK(message == "the credential file " + file.string() + " is corrupt: " + s.key +
                             " appears more than once (which value holds is unknown)");
        CHECK(message.find("secret-token") == std::string::npos);
        CHECK(read_file(file) == s.content);
    }

    // Written by another program after the store was opened: the change fails, the file stays.
    write_file(file, R"({"locale": "fr_FR"})");
    auto store = renault::file_credential_store::open(file);
    const std::string doubled = R"({"locale": "fr_FR", "locale": "de_DE"})";
    write_file(file, doubled);
    boost::system::error_code ec;
    store->set("vin", credential{"VF1AAAAA555777999"}, ec);
    CHECK(ec == errc::credential_store_corrupt);
    CHECK(store->last_error().find(R"("locale" appears more than once)") != std::string::npos);
    CHECK(read_file(file) == doubled);
    CHECK(store->get("vin") == std::nullopt);
}

TEST_CASE("file store: update stores and removes in one write - a key in both is stored")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    store->set_many({{"locale", credential{"fr_FR"}},
                     {"gigya_login_token", credential{"old"}},
                     {"gigya_person_id", credential{"p"}},
                     {"vin", credential{"VF1AAAAA555777999"}}});
    const std::array<std::string_view, 3> erased{"gigya_person_id", "gigya_login_token", "absent"};
    store->update({{"gigya_login_token", credential{"new"}}}, erased);
    CHECK(read_file(file) == R"({"locale": "fr_FR", "gigya_login_token": "new", "vin": "VF1AAAAA555777999"})");

    // On failure nothing changes, in the file or in the store.
    boost::system::error_code ec;
    store->update({{"gigya_login_token", credential{"newer"}}, {"vin", credential{"\xC3\x28"}}}, erased, ec);
    CHECK(ec == errc::invalid_argument);
    CHECK(store->get("gigya_login_token") == "new");
    CHECK(read_file(file) == R"({"locale": "fr_FR", "gigya_login_token": "new", "vin": "VF1AAAAA555777999"})");

    // The memory store's update (the interface's default) does the same.
    renault::memory_credential_store memory;
    memory.set_many({{"gigya_login_token", credential{"old"}}, {"gigya_person_id", credential{"p"}}});
    memory.update({{"gigya_login_token", credential{"new"}}}, erased, ec);
    CHECK_FALSE(ec);
    CHECK(memory.get("gigya_login_token") == "new");
    CHECK_FALSE(memory.contains("gigya_person_id"));
}
