// renault-mock: a local Gigya + Kamereon server for renault-cpp and other MyRenault clients.
#include "scenario.hpp"
#include "server.hpp"

#include <renault/version.hpp>

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

/// The fixtures installed with this executable (<prefix>/share/renault-mock/fixtures beside
/// <prefix>/bin/renault-mock) first, then those of the source tree it was built from.
std::string default_fixtures_dir()
{
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share" / "renault-mock" / "fixtures";
        if (std::filesystem::is_directory(installed, ec))
            return installed.string();
    }
    return RENAULT_MOCK_FIXTURES_DIR;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace renault::mock;
    constexpr int exit_usage = 2;

    CLI::App app{"renault-mock: a local Gigya + Kamereon server that answers like the MyRenault API "
                 "(scenario format: docs/mock.md)"};
    app.set_version_flag("--version", "renault-mock " RENAULT_VERSION_STRING);
    app.footer("Without --scenario it serves the built-in scenario (--print-default-scenario prints it): user "
               "test@example.com, password test_password, account account-id-1 with six vehicles.\n"
               "Clients use its URL as both the Gigya and the Kamereon root URL, e.g. "
               "renault-api --gigya-url http://127.0.0.1:PORT --kamereon-url http://127.0.0.1:PORT.\n"
               "It stops on SIGINT or SIGTERM. Exit status: 0 stopped, 1 runtime error (e.g. the port is in use), "
               "2 usage or scenario error.");

    server_options options;
    std::string scenario_file;
    std::string fixtures_dir = default_fixtures_dir();
    long jwt_lifetime = 900;
    bool print_default = false;
    app.add_option("--port", options.port, "TCP port; 0 picks a free one (the first line of stdout names it)")
        ->capture_default_str();
    app.add_option("--host", options.host, "IP address to listen on")->capture_default_str();
    app.add_option("--scenario", scenario_file, "scenario file (JSON); default: the built-in default scenario")
        ->check(CLI::ExistingFile);
    app.add_option("--fixtures", fixtures_dir, "directory the scenario's fixture paths are relative to")
        ->capture_default_str();
    auto* cert = app.add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS")->check(CLI::ExistingFile);
    auto* key = app.add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    auto* lifetime = app.add_option("--jwt-lifetime", jwt_lifetime, "seconds a JWT from accounts.getJWT is valid "
                                                                     "(default: the scenario's, else 900)")
                         ->check(CLI::Range(1L, 100'000'000L));
    app.add_option("--log", options.log_file, "request log file (JSON lines, appended); default: stdout after the first line");
    app.add_flag("--print-default-scenario", print_default, "print the built-in default scenario and exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }
    if (print_default) {
        std::cout << default_scenario_text();
        return 0;
    }
    if (options.log_file == "-")
        options.log_file.clear();

    std::string text(default_scenario_text());
    std::vector<std::filesystem::path> search{fixtures_dir};
    if (!scenario_file.empty()) {
        std::ifstream in(scenario_file, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        if (!in) {
            std::cerr << "renault-mock: cannot read " << scenario_file << "\n";
            return exit_usage;
        }
        text = content.str();
        search.push_back(std::filesystem::absolute(scenario_file).parent_path());
    }
    fixture_store fixtures(search);
    scenario s;
    try {
        s = parse_scenario(text);
        if (lifetime->count() > 0)
            s.jwt_lifetime_seconds = jwt_lifetime;
        complete_scenario(s, fixtures);
    } catch (const scenario_error& e) {
        std::cerr << "renault-mock: " << (scenario_file.empty() ? "built-in scenario" : scenario_file) << ": " << e.what()
                  << "\n";
        return exit_usage;
    }

    std::signal(SIGPIPE, SIG_IGN); // a closed log pipe or socket must not kill the server
    return run_server(options, std::move(s), fixtures);
}
