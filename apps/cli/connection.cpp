// How renault-api reaches the servers: the client over a Beast backend, and the resolution of
// locale, login, account and VIN of docs/cli.md, "Questions" (options, then the credential file,
// then questions on stderr answered on stdin).
#include "connection.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output.hpp"
#include "settings.hpp"
#include "values.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/http/beast_backend.hpp>
#include <renault/locales.hpp>
#include <renault/log.hpp>
#include <renault/log_sinks.hpp>
#include <renault/model/vehicle_helpers.hpp>
#include <renault/session/file_credential_store.hpp>
#include <renault/version.hpp>

#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <tuple>
#include <termios.h>
#include <unistd.h>

namespace renault::cli {

// --- questions -------------------------------------------------------------------------------

namespace {

/// Shows `label: ` on stderr and reads one line of stdin (echo off when `secret` and a
/// terminal); nullopt at the end of input.
/// The deadline of the running command (--timeout), on its connection's client. The time spent
/// waiting for an answer to a question does not count: each answer moves the deadline later.
struct command_deadline {
    client_type* client = nullptr;
    std::chrono::system_clock::time_point end{};
};
command_deadline running_command;

/// Moves the running command's deadline later by the time a question waited.
struct question_time {
    std::chrono::system_clock::time_point start = std::chrono::system_clock::now();
    ~question_time()
    {
        if (!running_command.client || running_command.end == std::chrono::system_clock::time_point{})
            return;
        running_command.end += std::chrono::system_clock::now() - start;
        running_command.client->set_deadline(running_command.end);
    }
};

std::optional<std::string> read_answer(const std::string& label, bool secret)
{
    const question_time waiting;
    fmt::print(stderr, "{}: ", label);
    std::fflush(stderr);
    termios saved{};
    const bool hide = secret && ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (hide || !got)
        fmt::print(stderr, "\n"); // end the question's line
    if (hide)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (!got)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

std::string trimmed(std::string s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// Asks `question [default]` until `accept` takes the answer (it prints why it does not); an
/// empty answer or the end of input gives the default; without a default the end of input is a
/// usage error saying `missing`.
std::string ask(const std::string& question, const std::string& fallback,
                const std::function<bool(const std::string&)>& accept, const std::string& missing)
{
    const std::string label = fallback.empty() ? question : fmt::format("{} [{}]", question, fallback);
    for (;;) {
        auto answer = read_answer(label, false);
        if (!answer) {
            if (fallback.empty())
                throw usage_error{missing};
            return fallback;
        }
        std::string value = trimmed(*answer);
        if (value.empty()) {
            if (fallback.empty())
                continue;
            value = fallback;
        }
        if (accept(value))
            return value;
    }
}

/// Asks a yes/no question whose default is no (also at the end of input).
bool confirm(const std::string& question)
{
    for (;;) {
        auto answer = read_answer(question + " [y/N]", false);
        if (!answer)
            return false;
        std::string value = trimmed(*answer);
        for (auto& ch : value)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (value.empty() || value == "n" || value == "no")
            return false;
        if (value == "y" || value == "yes")
            return true;
        fmt::print(stderr, "Error: invalid input\n");
    }
}

/// Asks for a number in 1..count (a menu choice); returns it 0-based.
std::size_t ask_choice(const std::string& question, std::size_t fallback, std::size_t count, const std::string& missing)
{
    const std::string answer = ask(
        question, fallback ? std::to_string(fallback) : std::string(),
        [count](const std::string& v) {
            char* end = nullptr;
            const long n = std::strtol(v.c_str(), &end, 10);
            if (*end == '\0' && n >= 1 && static_cast<std::size_t>(n) <= count)
                return true;
            fmt::print(stderr, "Error: {} is not in the range 1<=x<={}.\n", terminal_text(v), count);
            return false;
        },
        missing);
    return static_cast<std::size_t>(std::stol(answer)) - 1;
}

/// Set when standard input ended before the two-factor code was given: the login that then
/// fails is a usage error (an unanswered question), not a refused login.
bool two_factor_input_ended = false;

/// Asks for the code Gigya emailed (two-factor login); an empty answer or end of input gives up.
std::string ask_two_factor_code(const two_factor_challenge& challenge) noexcept
{
    try {
        if (challenge.previous_code_wrong)
            fmt::print(stderr, "Wrong code.\n");
        const auto code = read_answer(
            fmt::format("Code sent to {}", challenge.emails.empty() ? "your email" : terminal_text(challenge.emails.front())),
            false);
        two_factor_input_ended = !code;
        return code ? trimmed(*code) : std::string();
    } catch (...) {
        return {};
    }
}

std::string env_or_empty(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

std::string prompt(const std::string& label, bool secret)
{
    auto answer = read_answer(label, secret);
    if (!answer)
        throw usage_error{fmt::format("no {} given", label == "User" ? "user" : "password")};
    return *answer;
}

// --- locale ----------------------------------------------------------------------------------

void store_locale(credential_store& store, const std::string& locale)
{
    const locale_info* row = find_locale(locale);
    if (!row)
        throw usage_error{fmt::format("Locale `{}` is unknown", locale)};
    store.set_many({{std::string(credential_keys::locale), {locale, {}}},
                    {std::string(credential_keys::country), {std::string(country_of(locale)), {}}},
                    {std::string(credential_keys::gigya_root_url), {std::string(row->gigya_root_url), {}}},
                    {std::string(credential_keys::gigya_api_key), {std::string(row->gigya_api_key), {}}},
                    {std::string(credential_keys::kamereon_root_url), {std::string(row->kamereon_root_url), {}}},
                    {std::string(credential_keys::kamereon_api_key), {std::string(row->kamereon_api_key), {}}}});
}

namespace {

/// The locale of the environment (LC_ALL, LC_MESSAGES, LANG: "fr_FR.UTF-8" → "fr_FR") when the
/// built-in table knows it, else empty.
std::string system_locale()
{
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        std::string value = env_or_empty(name);
        if (value.empty())
            continue;
        value = value.substr(0, value.find_first_of(".@"));
        return find_locale(value) ? value : std::string();
    }
    return {};
}

std::string known_locales()
{
    std::vector<std::string_view> names;
    for (const auto& row : locales)
        names.push_back(row.locale);
    return fmt::format("{}", fmt::join(names, ", "));
}

/// Asks for a locale (docs/cli.md, "Questions", step 1) and whether to keep it; stores it when
/// asked to.
std::string ask_locale(credential_store& store, bool& stored)
{
    const std::string locale = ask(
        "Please select a locale", system_locale(),
        [](const std::string& v) {
            if (find_locale(v))
                return true;
            fmt::print(stderr, "Locale `{}` is unknown (known: {}).\n", terminal_text(v), known_locales());
            return false;
        },
        "no locale: give --locale (fr_FR, en_GB, …) or run `renault-api set --locale fr_FR`");
    stored = confirm("Do you want to save the locale to the credential store?");
    if (stored)
        store_locale(store, locale);
    fmt::print(stderr, "\n");
    return locale;
}

constexpr std::string_view debug_warning =
    "Debug output enabled. Passwords, tokens and JWTs are masked, but the trace holds personal data "
    "(e-mail address, VINs, locations): review it before sending it to anyone.";

} // namespace

// --- the client ------------------------------------------------------------------------------

std::shared_ptr<credential_store> open_store()
{
    auto store = file_credential_store::open(default_credential_path());
    if (!store->warning().empty()) // a file others may write: say so, and go on
        fmt::print(stderr, "Warning: {}\n", store->warning());
    return std::shared_ptr<credential_store>(std::move(store));
}

std::unique_ptr<connection> connect(const global_options& g, const std::shared_ptr<credential_store>& store)
{
    // Options, then the environment (settings.hpp); the credential file and the locale table
    // come after, in the session.
    const server_options server{g.gigya_url, g.kamereon_url, g.gigya_api_key, g.kamereon_api_key, g.ca_file, g.endpoints_file};
    client_options options = server_client_options(server);
    // The command's deadline (docs/cli.md, "Deadlines"); questions asked on the way do not count.
    const std::string timeout = g.timeout.empty() ? env_or_empty("RENAULT_TIMEOUT") : g.timeout;
    const auto command_timeout = timeout.empty() ? std::chrono::milliseconds(std::chrono::seconds(default_command_timeout_seconds))
                                                 : parse_timeout(timeout, g.timeout.empty() ? "RENAULT_TIMEOUT" : "--timeout");
    if (command_timeout.count() > 0)
        options.deadline = std::chrono::system_clock::now() + command_timeout;
    options.store = store;
    options.two_factor = ask_two_factor_code;

    // --locale holds for this run only; `login` stores it once the login succeeded (its token
    // belongs to that locale's servers), so that a failed login leaves the file as it was.
    // Without it: the stored locale, else a question.
    if (!g.locale.empty()) {
        if (!find_locale(g.locale))
            throw usage_error{fmt::format("Locale `{}` is unknown (known: {})", g.locale, known_locales())};
        options.locale = g.locale;
        options.store_locale = false;
    } else if (!store->get(credential_keys::locale) && !store->get(credential_keys::country)) {
        bool stored = false;
        options.locale = ask_locale(*store, stored);
        options.store_locale = stored;
    }

    if (g.debug || g.log) {
        std::vector<logger::sink_type> sinks;
        if (g.log)
            sinks.push_back(file_sink("logs"));
        if (g.debug)
            sinks.push_back(stream_sink(std::cerr));
        options.log = logger(
            [sinks](log_level level, std::string_view message) {
                for (const auto& sink : sinks)
                    sink(level, message);
            },
            log_level::debug);
        options.log.warning(debug_warning);
        if (!g.debug) // the trace goes to a file: say so where the user looks
            fmt::print(stderr, "Warning: {}\n", debug_warning);
    }

    http::beast_options transport = server_transport(server, options, *store, "renault-api/" RENAULT_VERSION_STRING);

    const bool proxied = transport.https_proxy.has_value();
    std::optional<http::beast_backend> beast;
    try {
        beast.emplace(http::beast_backend::executor_type{}, std::move(transport));
    } catch (const renault::error& e) {
        // The only argument the backend can refuse here is the proxy (its URL is not repeated:
        // it may hold a password).
        if (proxied && e.error_code() == errc::invalid_argument)
            throw usage_error{fmt::format("{} (https_proxy or HTTPS_PROXY)", e.what())};
        throw;
    }
    http::any_backend backend(std::move(*beast));
    auto c = std::make_unique<connection>(std::move(backend), std::move(options));
    running_command = {&c->client, c->options.deadline};
    return c;
}

connection::~connection()
{
    if (running_command.client == &client)
        running_command = {};
}

// --- login, account, vehicle -----------------------------------------------------------------

void log_in(connection& c, const std::string& user, const std::string& password)
{
    two_factor_input_ended = false;
    try {
        c.client.login(user, password);
    } catch (const error& e) {
        if (two_factor_input_ended)
            throw usage_error{"no verification code given (standard input ended)"};
        // The login worked but its token could not be kept: say which file and why, as `set` does.
        const auto* file = dynamic_cast<const file_credential_store*>(&c.client.store());
        if (e.error_code() == errc::credential_store_io && file && !file->last_error().empty())
            throw error(e.error_code(), file->last_error());
        throw;
    }
}

void require_login(connection& c)
{
    if (c.client.login_token())
        return;
    // docs/cli.md, "Questions", step 2: ask, and ask again after a wrong user or password (three
    // times at most).
    for (int attempt = 1;; ++attempt) {
        const std::string user = prompt("User", false);
        const std::string password = prompt("Password", true);
        try {
            log_in(c, user, password);
            fmt::print(stderr, "\n");
            return;
        } catch (const error& e) {
            if (e.error_code() != condition::authentication || attempt == 3)
                throw;
            fmt::print(stderr, "Login failed: {}.\n", error_text(e));
        }
    }
}

std::string account_type_text(const person_account& a)
{
    return a.account_type ? a.account_type->raw : "";
}

std::string resolve_account(const global_options& g, connection& c)
{
    if (!g.account.empty())
        return g.account;
    if (auto stored = c.client.store().get(credential_keys::account_id))
        return *stored;
    const person p = c.client.get_person();
    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> rows;
    std::size_t fallback = 0;
    for (const auto& a : p.accounts.value_or(std::vector<person_account>{})) {
        if (!a.account_id)
            continue;
        boost::system::error_code ec;
        server_diagnostics diag;
        const account_vehicles list = c.client.account(*a.account_id).get_vehicles(ec, diag);
        if (ec == condition::rate_limited)
            throw error(ec, diag);
        const std::string count = ec ? "-" : std::to_string(list.vehicle_links ? list.vehicle_links->size() : 0);
        ids.push_back(*a.account_id);
        rows.push_back({std::to_string(ids.size()), *a.account_id, account_type_text(a), count});
        if (!fallback && account_type_text(a) == "MYRENAULT")
            fallback = ids.size();
    }
    if (ids.empty())
        throw std::runtime_error("No account found.");
    print_table({"", "ID", "Type", "Vehicles"}, rows, stderr);
    fmt::print(stderr, "\n");
    const std::string id = ids[ask_choice("Please select account", fallback, ids.size(),
                                          "no account chosen: give --account or run `renault-api set --account ID`")];
    if (confirm("Do you want to save the account ID to the credential store?"))
        c.client.store().set(credential_keys::account_id, credential{id, {}});
    fmt::print(stderr, "\n");
    return id;
}

std::string resolve_vin(const global_options& g, connection& c, const std::string& account_id)
{
    if (!g.vin.empty())
        return g.vin;
    if (auto stored = c.client.store().get(credential_keys::vin))
        return *stored;
    const account_vehicles list = c.client.account(account_id).get_vehicles();
    std::vector<std::string> vins;
    std::vector<std::vector<std::string>> rows;
    for (const auto& link : list.vehicle_links.value_or(std::vector<vehicle_link>{})) {
        if (!link.vin)
            continue;
        const vehicle_details d = link.vehicle_details.value_or(vehicle_details{});
        vins.push_back(*link.vin);
        rows.push_back({std::to_string(vins.size()), *link.vin, d.registration_number.value_or(""),
                        std::string(brand_label(d).value_or("")), std::string(model_label(d).value_or(""))});
    }
    if (vins.empty())
        throw std::runtime_error("No vehicle found.");
    print_table({"", "Vin", "Registration", "Brand", "Model"}, rows, stderr);
    fmt::print(stderr, "\n");
    const std::string vin = vins[ask_choice("Please select vehicle", vins.size() == 1 ? 1 : 0, vins.size(),
                                            "no vehicle chosen: give --vin or run `renault-api set --vin VIN`")];
    if (confirm("Do you want to save the VIN to the credential store?"))
        c.client.store().set(credential_keys::vin, credential{vin, {}});
    fmt::print(stderr, "\n");
    return vin;
}

vehicle_type resolve_vehicle(const global_options& g, connection& c)
{
    require_login(c);
    const std::string account = resolve_account(g, c);
    return c.client.vehicle(account, resolve_vin(g, c, account));
}

int print_action(const global_options& g, const action_response& response, std::string_view message)
{
    const std::string attributes = response.attributes.empty() ? "{}" : response.attributes;
    boost::system::error_code ec;
    const json::value v = boost::json::parse(attributes, ec);
    if (g.json)
        print_json(ec ? json::value(json::object{}) : v);
    else if (!message.empty())
        fmt::print("{}\n", message);
    else
        fmt::print("{}\n", terminal_text(ec ? attributes : text_of(v), terminal_line_limit));
    return exit_ok;
}

} // namespace renault::cli
