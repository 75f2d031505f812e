// Must not compile: `send` takes the error code by value, so the transport errors it reports would
// never reach the client. basic_client rejects it with the static_assert of
// renault::http::detail::assert_http_backend (tests/http/CMakeLists.txt checks the message).
#include <renault/client/client.hpp>

struct backend_with_error_code_by_value {
    renault::http::response send(const renault::http::request&, boost::system::error_code) { return {}; }
};

static_assert(!renault::http::HttpBackend<backend_with_error_code_by_value>);

void use(backend_with_error_code_by_value& backend)
{
    renault::basic_client<backend_with_error_code_by_value> client(backend);
    client.login("user@example.com", "password");
}
