// What the commands of renault-api share to reach the servers: the client on its backend, the
// account and VIN resolution of docs/cli.md ("Questions"), prompts, and the printing of an
// action's answer. Implemented in commands.cpp; included only by the translation units that run
// commands.
#pragma once

#include "commands.hpp"

#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/session/credential_store.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace renault::cli {

using client_type = basic_client<http::any_backend>;
using vehicle_type = client_type::vehicle_type;

/// A backend, and the client on it (which must not outlive it).
struct connection {
    connection(http::any_backend b, client_options o) : backend(std::move(b)), options(std::move(o)), client(backend, options) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection();
    http::any_backend backend;
    client_options options; ///< what `client` was made with: another client may share the backend
    client_type client;
};

/// The credential file of the reference CLI (~/.credentials/renault-api.json).
std::shared_ptr<credential_store> open_store();

/// Stores `locale` with its country, URLs and keys from the built-in table (`set --locale`);
/// an unknown locale is a usage_error.
void store_locale(credential_store& store, const std::string& locale);

/// The client for the global options (URLs, keys, CA file, logging) over `store`. The locale is
/// --locale (for this run only: `login` stores it once the login succeeded), else the stored one,
/// else asked on stdin.
std::unique_ptr<connection> connect(const global_options& g, const std::shared_ptr<credential_store>& store);

/// Logs in (the login token goes to the credential file).
void log_in(connection& c, const std::string& user, const std::string& password);

/// Asks for the user and password when no login token is stored, and logs in.
void require_login(connection& c);

/// An account's type as the server sent it ("MYRENAULT", "SFDC"), empty when missing.
std::string account_type_text(const person_account& a);

/// --account, else the stored account, else the account chosen (docs/cli.md, "Questions").
std::string resolve_account(const global_options& g, connection& c);

/// --vin, else the stored VIN, else the vehicle chosen (docs/cli.md, "Questions").
std::string resolve_vin(const global_options& g, connection& c, const std::string& account_id);

/// The vehicle the command is about: login required, then account and VIN resolved.
vehicle_type resolve_vehicle(const global_options& g, connection& c);

/// Asks on stderr and reads one line of stdin; `secret` turns echo off on a terminal.
std::string prompt(const std::string& label, bool secret);

/// Prints an action's answer: its attributes as JSON (`{}` when it has none), or `message`.
int print_action(const global_options& g, const action_response& response, std::string_view message = {});

} // namespace renault::cli
