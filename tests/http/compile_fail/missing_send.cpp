// Must not compile: a backend without `send` is not an HttpBackend.
#include <renault/http/backend.hpp>

struct backend_without_send {
    renault::http::response get(const renault::http::request&, boost::system::error_code&) { return {}; }
};

static_assert(renault::http::HttpBackend<backend_without_send>);
