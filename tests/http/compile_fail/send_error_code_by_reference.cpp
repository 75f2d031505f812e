// The control of send_error_code_by_value.cpp: the same backend with `send` taking the error code
// as `boost::system::error_code&` compiles, so that test fails for the by-value parameter alone.
#include <renault/client/client.hpp>

struct backend_with_error_code_by_reference {
    renault::http::response send(const renault::http::request&, boost::system::error_code&) { return {}; }
};

static_assert(renault::http::HttpBackend<backend_with_error_code_by_reference>);

void use(backend_with_error_code_by_reference& backend)
{
    renault::basic_client<backend_with_error_code_by_reference> client(backend);
    client.login("user@example.com", "password");
}
