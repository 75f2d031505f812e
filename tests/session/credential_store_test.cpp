// JWT expiry, credentials, the memory store and the file store (the reference CLI's file).
#include <renault/session/credential_store.hpp>
#include <renault/session/file_credential_store.hpp>
#include <renault/session/jwt.hpp>

#include "session/session_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::system_clock;
using renault::credential;
using renault::errc;
namespace keys = renault::credential_keys;
namespace fs = std::filesystem;
using renault::test::base64url_encode;
using renault::test::file_mode;
using renault::test::read_file;
using renault::test::temp_dir;
using renault::test::write_file;

clock_type::time_point at(long long seconds)
{
    return clock_type::time_point(std::chrono::seconds(seconds));
}

std::vector<std::string> keys_of(const renault::credential_store& store)
{
    std::vector<std::string> names;
    for (const auto& [key, value] : store.entries())
        names.push_back(key);
    return names;
}

std::vector<std::string> files_in(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::string header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"; // {"alg":"HS256","typ":"JWT"}

} // namespace

// --- jwt_expiry -----------------------------------------------------------------------------------

TEST_CASE("jwt_expiry reads an integer exp")
{
    // payload {"exp":1700000000}
    const auto expiry = renault::jwt_expiry(header + ".eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl");
    REQUIRE(expiry.has_value());
    CHECK(*expiry == at(1700000000));
    CHECK(renault::jwt_expiry(renault::test::make_jwt(R"({"exp": 4102444800, "sub": "x"})")) == at(4102444800));
}

TEST_CASE("jwt_expiry reads a fractional exp")
{
    // payload {"exp":1700000000.25,"x":1}
    const auto expiry = renault::jwt_expiry(header + ".eyJleHAiOjE3MDAwMDAwMDAuMjUsIngiOjF9.sig");
    REQUIRE(expiry.has_value());
    CHECK(*expiry == at(1700000000) + 250ms);
}

TEST_CASE("jwt_expiry accepts the payload with or without padding and an empty signature")
{
    // payload {"sub":"1","exp":1700000000}, whose base64url form has two padding characters
    const std::string padded = "eyJzdWIiOiIxIiwiZXhwIjoxNzAwMDAwMDAwfQ==";
    const std::string bare = "eyJzdWIiOiIxIiwiZXhwIjoxNzAwMDAwMDAwfQ";
    CHECK(renault::jwt_expiry(header + "." + padded + ".sig") == at(1700000000));
    CHECK(renault::jwt_expiry(header + "." + bare + ".sig") == at(1700000000));
    CHECK(renault::jwt_expiry(header + "." + bare + ".") == at(1700000000));
    CHECK(base64url_encode(R"({"sub":"1","exp":1700000000})") + "==" == padded);
}

TEST_CASE("jwt_expiry returns nullopt for malformed tokens")
{
    const std::string exp = base64url_encode(R"({"exp":1700000000})");
    const std::vector<std::string> bad{
        "",
        "not a token",
        header,
        header + "." + exp,                                     // two segments
        header + "." + exp + ".sig.extra",                      // four segments
        header + ".!!!!.sig",                                   // not base64
        header + ".eyJ.sig",                                    // impossible length
        header + "." + base64url_encode("not json") + ".sig",   // payload not JSON
        header + "." + base64url_encode(R"([1700000000])") + ".sig",
        header + "." + base64url_encode(R"({"exp":"1700000000"})") + ".sig",
        header + "." + base64url_encode(R"({"exp":true})") + ".sig",
        header + "." + base64url_encode(R"({"exp":null})") + ".sig",
        header + "." + base64url_encode(R"({"iat":1700000000})") + ".sig",
        header + "." + base64url_encode(R"({"exp":1e300})") + ".sig",
        header + "." + base64url_encode(R"({"exp":18446744073709551615})") + ".sig",
        header + "." + base64url_encode(R"({"exp":17000)") + ".sig", // truncated JSON
        header + "." + base64url_encode(std::string(100, '[')) + ".sig",
        "..",
    };
    for (const auto& token : bad) {
        INFO(token);
        CHECK_FALSE(renault::jwt_expiry(token).has_value());
    }
}

TEST_CASE("looks_like_jwt checks the shape only")
{
    CHECK(renault::looks_like_jwt(header + ".eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl"));
    CHECK(renault::looks_like_jwt(renault::test::make_jwt_expiring_in(60)));
    CHECK(renault::looks_like_jwt(header + ".e30."));
    CHECK_FALSE(renault::looks_like_jwt(""));
    CHECK_FALSE(renault::looks_like_jwt(header));
    CHECK_FALSE(renault::looks_like_jwt("abc.def.ghi"));
    CHECK_FALSE(renault::looks_like_jwt(header + "..sig"));
    CHECK_FALSE(renault::looks_like_jwt(header + ".e30.sig with space"));
    CHECK_FALSE(renault::looks_like_jwt(header + ".e30.sig.more"));
}

// --- credentials ----------------------------------------------------------------------------------

TEST_CASE("a credential expires strictly after its expiry")
{
    const credential plain{"value"};
    CHECK_FALSE(plain.expired(at(0)));
    CHECK_FALSE(plain.expired(clock_type::time_point::max()));

    const credential timed{"value", at(1000)};
    CHECK_FALSE(timed.expired(at(999)));
    CHECK_FALSE(timed.expired(at(1000)));
    CHECK(timed.expired(at(1000) + 1ms));
}

TEST_CASE("make_jwt_credential takes the expiry from exp and treats an unreadable token as expired")
{
    const std::string token = header + ".eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl";
    const credential jwt = renault::make_jwt_credential(token);
    CHECK(jwt.value == token);
    CHECK(jwt.expiry == at(1700000000));
    CHECK_FALSE(jwt.expired(at(1699999999)));
    CHECK(jwt.expired(at(1700000001)));

    const credential garbage = renault::make_jwt_credential("garbage");
    CHECK(garbage.value == "garbage");
    CHECK(garbage.expired(at(0)));
}

// --- memory store ---------------------------------------------------------------------------------

TEST_CASE("memory store get set find contains erase and entries in insertion order")
{
    renault::memory_credential_store store;
    boost::system::error_code ec;
    store.set(keys::locale, credential{"fr_FR"}, ec);
    CHECK_FALSE(ec);
    store.set(keys::country, credential{"FR"});
    store.set(keys::gigya_login_token, credential{"login-token-1"});
    store.set(keys::gigya_jwt, credential{"jwt-1", at(1000)});

    CHECK(keys_of(store) == std::vector<std::string>{"locale", "country", "gigya_login_token", "gigya_jwt"});
    CHECK(store.get(keys::locale) == "fr_FR");
    CHECK(store.contains(keys::country));
    CHECK_FALSE(store.contains("missing"));
    CHECK_FALSE(store.get("missing").has_value());

    // Expired: invisible to get/contains, still there for find/entries.
    CHECK(store.get(keys::gigya_jwt, at(999)) == "jwt-1");
    CHECK_FALSE(store.get(keys::gigya_jwt, at(1001)).has_value());
    CHECK_FALSE(store.contains(keys::gigya_jwt, at(1001)));
    REQUIRE(store.find(keys::gigya_jwt).has_value());
    CHECK(store.find(keys::gigya_jwt)->expiry == at(1000));

    // Replacing keeps the position.
    store.set(keys::locale, credential{"de_DE"});
    CHECK(keys_of(store) == std::vector<std::string>{"locale", "country", "gigya_login_token", "gigya_jwt"});
    CHECK(store.get(keys::locale) == "de_DE");

    store.erase(keys::country, ec);
    CHECK_FALSE(ec);
    store.erase("never-there", ec); // not an error
    CHECK_FALSE(ec);
    CHECK(keys_of(store) == std::vector<std::string>{"locale", "gigya_login_token", "gigya_jwt"});
}

TEST_CASE("memory store clear keeps the permanent keys and clear_keys removes the listed ones")
{
    renault::memory_credential_store store;
    store.set_many({{"locale", credential{"fr_FR"}},
                    {"gigya_login_token", credential{"t"}},
                    {"gigya-api-key", credential{"g"}},
                    {"accound-id", credential{"account-id-1"}},
                    {"vin", credential{"VF1AAAAA555777999"}},
                    {"gigya_person_id", credential{"p"}},
                    {"kamereon-root-url", credential{"https://k"}},
                    {"gigya_jwt", credential{"j"}}});

    renault::memory_credential_store copy_for_keys;
    copy_for_keys.set_many(store.entries());

    store.clear();
    CHECK(keys_of(store) == std::vector<std::string>{"locale", "gigya-api-key", "kamereon-root-url"});

    boost::system::error_code ec;
    copy_for_keys.clear_keys(renault::gigya_keys, ec);
    CHECK_FALSE(ec);
    CHECK(keys_of(copy_for_keys) ==
          std::vector<std::string>{"locale", "gigya-api-key", "accound-id", "vin", "kamereon-root-url"});
    copy_for_keys.clear_keys({keys::vin, keys::locale, "absent"});
    CHECK(keys_of(copy_for_keys) == std::vector<std::string>{"gigya-api-key", "accound-id", "kamereon-root-url"});
}

TEST_CASE("credential key constants keep the reference spellings")
{
    CHECK(keys::account_id == "accound-id");
    CHECK(keys::gigya_api_key == "gigya-api-key");
    CHECK(keys::kamereon_root_url == "kamereon-root-url");
    CHECK(renault::permanent_keys.size() == 6);
    CHECK(renault::gigya_keys == std::array<std::string_view, 3>{"gigya_jwt", "gigya_login_token", "gigya_person_id"});
}

// --- file store -----------------------------------------------------------------------------------

TEST_CASE("file store opens a missing file as an empty store and writes nothing until a change")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    boost::system::error_code ec;
    auto store = renault::file_credential_store::open(file, ec);
    REQUIRE_FALSE(ec);
    REQUIRE(store);
    CHECK(store->entries().empty());
    CHECK(store->path() == file);
    store->erase("absent", ec);
    CHECK_FALSE(ec);
    CHECK_FALSE(fs::exists(file));
}

TEST_CASE("file store round trip with one-line format and private modes in new parent directories")
{
    temp_dir dir;
    const fs::path parent = dir.path() / "home" / ".credentials";
    const fs::path file = parent / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    const std::string jwt = renault::test::make_jwt_expiring_in(900);

    store->set(keys::locale, credential{"fr_FR"});
    store->set(keys::country, credential{"FR"});
    store->set(keys::gigya_login_token, credential{"sample-cookie-value"});
    store->set(keys::gigya_jwt, renault::make_jwt_credential(jwt));
    store->set(keys::locale, credential{"fr_BE"}); // replaced in place

    const std::string expected = R"({"locale": "fr_BE", "country": "FR", "gigya_login_token": "sample-cookie-value", "gigya_jwt": ")" +
                                 jwt + R"("})";
    CHECK(read_file(file) == expected);
    CHECK(file_mode(file) == 0600);
    CHECK(file_mode(parent) == 0700);
    CHECK(file_mode(parent.parent_path()) == 0700);
    // No temporary file left; the lock file of the writers stays (file_credential_store.hpp).
    CHECK(files_in(parent) == std::vector<std::string>{"renault-api.json", "renault-api.json.lock"});
    CHECK(file_mode(parent / "renault-api.json.lock") == 0600);

    auto again = renault::file_credential_store::open(file);
    CHECK(keys_of(*again) == std::vector<std::string>{"locale", "country", "gigya_login_token", "gigya_jwt"});
    CHECK(again->get(keys::locale) == "fr_BE");
    CHECK(again->get(keys::gigya_jwt) == jwt);
    CHECK(again->find(keys::gigya_jwt)->expiry == renault::jwt_expiry(jwt)); // loaded as a JWT
    CHECK_FALSE(again->find(keys::gigya_login_token)->expiry.has_value());
}

TEST_CASE("file store reads the reference CLI file and drops the expired JWT and rewrites the same format")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    const std::string expired_jwt = renault::test::make_jwt_expiring_in(-60);
    const std::string original =
        R"({"locale": "fr_FR", "country": "FR", "gigya-api-key": "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N", "gigya_login_token": "sample-cookie-value", "accound-id": "account-id-1", "vin": "VF1AAAAA555777999", "gigya_jwt": ")" +
        expired_jwt + R"("})";
    write_file(file, original);

    auto store = renault::file_credential_store::open(file);
    CHECK(keys_of(*store) ==
          std::vector<std::string>{"locale", "country", "gigya-api-key", "gigya_login_token", "accound-id", "vin"});
    CHECK(store->get(keys::account_id) == "account-id-1");
    CHECK(store->get(keys::vin) == "VF1AAAAA555777999");
    CHECK_FALSE(store->find(keys::gigya_jwt).has_value());
    CHECK(read_file(file) == original); // opening never writes

    store->set(keys::gigya_person_id, credential{"person-id-1"});
    CHECK(read_file(file) ==
          R"({"locale": "fr_FR", "country": "FR", "gigya-api-key": "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N", "gigya_login_token": "sample-cookie-value", "accound-id": "account-id-1", "vin": "VF1AAAAA555777999", "gigya_person_id": "person-id-1"})");
}

TEST_CASE("file store drops an unparsable gigya_jwt on load and keeps a valid one")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    write_file(file, R"({"gigya_jwt": "not-a-jwt", "vin": "VF1AAAAA555777999"})");
    CHECK(keys_of(*renault::file_credential_store::open(file)) == std::vector<std::string>{"vin"});

    const std::string jwt = renault::test::make_jwt_expiring_in(600);
    write_file(file, R"({"gigya_jwt": ")" + jwt + R"("})");
    auto store = renault::file_credential_store::open(file);
    CHECK(store->get(keys::gigya_jwt) == jwt);
}

TEST_CASE("file store makes the file 0600 even when the old one was 0644")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    write_file(file, R"({"locale": "fr_FR"})");
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
    REQUIRE(file_mode(file) == 0644);

    auto store = renault::file_credential_store::open(file);
    store->set(keys::country, credential{"FR"});
    CHECK(file_mode(file) == 0600);
    CHECK(read_file(file) == R"({"locale": "fr_FR", "country": "FR"})");
}

TEST_CASE("file store fails to open corrupt files with credential_store_corrupt and leaves them untouched")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    struct sample {
        std::string content;
        std::string reason;
    };
    const std::vector<sample> samples{
        {"not json at all", "not JSON"},
        {"", "not JSON"},
        {R"(["locale", "fr_FR"])", "not a JSON object of strings"},
        {R"("fr_FR")", "not a JSON object of strings"},
        {R"({"locale": "fr_FR", "gigya_login_token": "secret-login-token-value", "count": 3})",
         R"(the value of "count" is not a string)"},
        {R"({"vin": null})", R"(the value of "vin" is not a string)"},
        {R"({"vin": {"nested": "x"}})", R"(the value of "vin" is not a string)"},
        {R"({"locale": "fr_FR", "gigya_login_token": "secret-login-)", "not JSON"}, // truncated
    };
    for (const auto& s : samples) {
        INFO(s.content);
        write_file(file, s.content);
        boost::system::error_code ec;
        std::string message;
        auto store = renault::file_credential_store::open(file, ec, message);
        CHECK(store == nullptr);
        CHECK(ec == errc::credential_store_corrupt);
        CHECK(message.find(file.string()) != std::string::npos);
        CHECK(message.find(s.reason) != std::string::npos);
        CHECK(message.find("secret-login") == std::string::npos);
        CHECK(read_file(file) == s.content);

        try {
            (void)renault::file_credential_store::open(file);
            FAIL("open did not throw");
        } catch (const renault::error& e) {
            CHECK(e.error_code() == errc::credential_store_corrupt);
            CHECK(std::string(e.what()) == message);
        }
        CHECK(read_file(file) == s.content);
    }
}

TEST_CASE("file store reports credential_store_io for a path that cannot be read")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    fs::create_directory(file); // a directory where the file should be
    boost::system::error_code ec;
    std::string message;
    CHECK(renault::file_credential_store::open(file, ec, message) == nullptr);
    CHECK(ec == errc::credential_store_io);
    CHECK(message == "cannot read the credential file " + file.string() + ": not a regular file");

    write_file(dir.path() / "plain", "x");
    CHECK(renault::file_credential_store::open(dir.path() / "plain" / "renault-api.json", ec) == nullptr);
    CHECK(ec == errc::credential_store_io);
}

TEST_CASE("file store reports credential_store_io for a failed write and leaves the store unchanged")
{
    temp_dir dir;
    const fs::path parent = dir.path() / "credentials";
    const fs::path file = parent / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    store->set(keys::locale, credential{"fr_FR"});

    fs::remove_all(parent);
    write_file(parent, "a file where the directory was");

    boost::system::error_code ec;
    store->set(keys::country, credential{"FR"}, ec);
    CHECK(ec == errc::credential_store_io);
    CHECK(store->last_error() == "cannot write the credential file " + file.string() + ": Not a directory");
    CHECK(keys_of(*store) == std::vector<std::string>{"locale"});

    try {
        store->clear_keys({keys::locale});
        FAIL("clear_keys did not throw");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == errc::credential_store_io);
        CHECK(std::string(e.what()) == store->last_error());
    }
    CHECK(store->get(keys::locale) == "fr_FR");
    CHECK(files_in(dir.path()) == std::vector<std::string>{"credentials"});
}

TEST_CASE("file store escapes JSON like Python json.dumps and refuses invalid UTF-8")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    const std::string tricky = "a\"b\\c\nd\te\x01 caf\xC3\xA9 \xF0\x9F\x98\x80 /\x7F";
    store->set("k\"ey", credential{tricky});
    CHECK(read_file(file) == R"({"k\"ey": "a\"b\\c\nd\te\u0001 caf\u00e9 \ud83d\ude00 /\u007f"})");
    CHECK(renault::file_credential_store::open(file)->get("k\"ey") == tricky);

    boost::system::error_code ec;
    store->set("bad", credential{"\xC3\x28"}, ec);
    CHECK(ec == errc::invalid_argument);
    store->set("bad", credential{"\xED\xA0\x80"}, ec); // an encoded surrogate
    CHECK(ec == errc::invalid_argument);
    CHECK(keys_of(*store) == std::vector<std::string>{"k\"ey"});
}

TEST_CASE("file store clear and set_many write once and keep the permanent keys")
{
    temp_dir dir;
    const fs::path file = dir.path() / "renault-api.json";
    auto store = renault::file_credential_store::open(file);
    store->set_many({{"locale", credential{"fr_FR"}},
                     {"gigya_login_token", credential{"t"}},
                     {"kamereon-api-key", credential{"YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"}},
                     {"vin", credential{"VF1AAAAA555777999"}}});
    CHECK(read_file(file) ==
          R"({"locale": "fr_FR", "gigya_login_token": "t", "kamereon-api-key": "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J", "vin": "VF1AAAAA555777999"})");
    store->clear();
    CHECK(read_file(file) == R"({"locale": "fr_FR", "kamereon-api-key": "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"})");
    CHECK(files_in(dir.path()) == std::vector<std::string>{"renault-api.json", "renault-api.json.lock"});
}

TEST_CASE("default_credential_path is HOME/.credentials/renault-api.json")
{
    const char* old = std::getenv("HOME");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("HOME", "/home/someone", 1);
    const fs::path path = renault::default_credential_path();
    if (old != nullptr)
        ::setenv("HOME", saved.c_str(), 1);
    else
        ::unsetenv("HOME");
    CHECK(path == fs::path("/home/someone/.credentials/renault-api.json"));
}
