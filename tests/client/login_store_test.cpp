// A new login and the credential store: the stored login (token, person id, JWT) stays exactly as
// it was when the new login fails, and is replaced in one change when it succeeds
// (client/impl/session.ipp, session::login and replace_login_locked).
#include "client/support.hpp"

#include <renault/session/file_credential_store.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace renault;
using namespace renault::test;
using http::method;

namespace {

std::string file_text(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::pair<std::string, std::string>> values_of(const credential_store& store)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, value] : store.entries())
        out.emplace_back(key, value.value);
    return out;
}

/// The Gigya API key of fr_FR (the locale table): a login stores it when the store lacks it.
constexpr std::string_view fr_api_key = "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N";

/// A private directory holding a credential file of a previous login: settings, token, person
/// id, a JWT valid for a day (by the system clock, which the file store uses on load), account
/// and VIN.
struct stored_login {
    std::filesystem::path dir;
    std::filesystem::path file;
    std::string jwt = make_jwt(std::chrono::system_clock::now() + std::chrono::hours(24), "old");

    stored_login()
    {
        dir = std::filesystem::temp_directory_path() /
              ("renault-login-store-test-" + std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(dir);
        file = dir / "renault-api.json";
        auto store = file_credential_store::open(file);
        store->set_many({{"locale", credential{"fr_FR"}},
                         {"gigya-api-key", credential{std::string(fr_api_key)}},
                         {"gigya_login_token", credential{"old-login-token"}},
                         {"gigya_person_id", credential{"old-person-id"}},
                         {"gigya_jwt", make_jwt_credential(jwt)},
                         {"accound-id", credential{"account-id-1"}},
                         {"vin", credential{"VF1AAAAA555777999"}}});
    }
    ~stored_login()
    {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

} // namespace

TEST_CASE("session: a failed login leaves the stored login as it was (wrong password, network failure, HTML page)")
{
    stored_login saved;
    const std::string before = file_text(saved.file);
    REQUIRE(before.find("old-login-token") != std::string::npos);

    struct failure {
        const char* name;
        std::function<void(http::fake_backend&)> script;
        errc expected;
    };
    const std::vector<failure> failures{
        {"wrong password",
         [](http::fake_backend& b) {
             b.on(method::post, "/accounts.login", http::fake_backend::json(200, read_fixture("gigya/error/login.403042.json")));
         },
         errc::invalid_credentials},
        {"network failure",
         [](http::fake_backend& b) { b.fail(method::post, "/accounts.login", make_error_code(errc::transport_error)); },
         errc::transport_error},
        {"HTML maintenance page",
         [](http::fake_backend& b) {
             b.on(method::post, "/accounts.login",
                  http::response{503, {{"Content-Type", "text/html"}}, read_fixture("kamereon/error/bad_gateway.html")});
         },
         errc{}},
        {"answer without the login token",
         [](http::fake_backend& b) {
             b.on(method::post, "/accounts.login",
                  http::fake_backend::json(200, R"({"callId":"c","errorCode":0,"statusCode":200,"statusReason":"OK"})"));
         },
         errc::invalid_response},
    };
    for (const auto& f : failures) {
        INFO(f.name);
        scripted_account env;
        env.backend.reset();
        f.script(env.backend);
        auto store = std::shared_ptr<credential_store>(file_credential_store::open(saved.file));
        const auto values_before = values_of(*store);
        env.options.store = store;
        basic_client<http::fake_backend> client(env.backend, env.options);
        boost::system::error_code ec;
        client.login("test@example.com", "new-password", ec);
        CHECK(ec);
        if (f.expected != errc{})
            CHECK(ec == f.expected);
        CHECK(env.backend.count(method::post, "/accounts.login") == 1);
        CHECK(file_text(saved.file) == before);
        CHECK(values_of(*store) == values_before);
        CHECK(client.login_token() == "old-login-token");
        CHECK(values_of(*file_credential_store::open(saved.file)) == values_before);
    }
}

TEST_CASE("session: a failed login keeps the stored login in a memory store too")
{
    scripted_account env;
    env.backend.reset();
    env.backend.fail(method::post, "/accounts.login", make_error_code(errc::transport_error));
    auto store = std::make_shared<memory_credential_store>();
    store->set_many({{"gigya_login_token", credential{"old-login-token"}}, {"gigya_person_id", credential{"old-person-id"}}});
    env.options.store = store;
    basic_client<http::fake_backend> client(env.backend, env.options);
    boost::system::error_code ec;
    client.login("test@example.com", "new-password", ec);
    CHECK(ec == errc::transport_error);
    CHECK(store->get("gigya_login_token") == "old-login-token");
    CHECK(store->get("gigya_person_id") == "old-person-id");
}

TEST_CASE("session: a successful login replaces the token and drops the previous login's person id and JWT in one write")
{
    stored_login saved;
    scripted_account env;
    auto store = std::shared_ptr<credential_store>(file_credential_store::open(saved.file));
    env.options.store = store;
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.login("test@example.com", "test_password");
    CHECK(client.login_token() == "sample-cookie-value");
    const auto text = file_text(saved.file);
    CHECK(text ==
          R"({"locale": "fr_FR", "gigya-api-key": ")" + std::string(fr_api_key) +
              R"(", "gigya_login_token": "sample-cookie-value", "accound-id": "account-id-1", "vin": "VF1AAAAA555777999"})");
    CHECK(text.find("test_password") == std::string::npos);

    // The next call fetches the person id and a JWT of the new login, not the old ones.
    env.backend.on(method::get, "/commerce/v1/persons/person-id-1",
                   http::fake_backend::json(200, read_fixture("kamereon/person.json")));
    client.get_person();
    CHECK(env.backend.count(method::post, "/accounts.getAccountInfo") == 1);
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 1);
    const auto requests = env.backend.requests();
    const auto* token = requests.back().header("x-gigya-id_token");
    REQUIRE(token != nullptr);
    CHECK(*token == env.jwt);
}

TEST_CASE("session: set_login_token replaces the stored login in one change")
{
    stored_login saved;
    scripted_account env;
    env.options.store = std::shared_ptr<credential_store>(file_credential_store::open(saved.file));
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.set_login_token("restored-token");
    CHECK(file_text(saved.file) ==
          R"({"locale": "fr_FR", "gigya-api-key": ")" + std::string(fr_api_key) +
              R"(", "gigya_login_token": "restored-token", "accound-id": "account-id-1", "vin": "VF1AAAAA555777999"})");
}
