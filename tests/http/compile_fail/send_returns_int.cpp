// Must not compile: `send` returns the status alone instead of a response.
#include <renault/http/backend.hpp>

struct backend_returning_int {
    int send(const renault::http::request&, boost::system::error_code&) { return 200; }
};

static_assert(renault::http::HttpBackend<backend_returning_int>);
