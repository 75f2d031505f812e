// The client layer: basic_client<Backend>, basic_account<Backend>, basic_vehicle<Backend> over
// any HttpBackend, with the session (Gigya login, JWT, policies) and the named operations.
#pragma once

#include <renault/client/client.hpp>
#include <renault/http/backend.hpp>
