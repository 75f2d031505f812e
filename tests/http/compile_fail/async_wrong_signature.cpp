// Must not compile: `async_send` completes with `void(error_code)`, dropping the response, so the
// backend is an HttpBackend but not an AsyncHttpBackend.
#include <renault/http/backend.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <utility>

struct backend_with_wrong_completion {
    using executor_type = boost::asio::any_io_executor;
    executor_type get_executor() const { return {}; }

    renault::http::response send(const renault::http::request&, boost::system::error_code&) { return {}; }

    template <class CompletionToken>
    auto async_send(renault::http::request req, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [](auto handler, renault::http::request) { std::move(handler)(boost::system::error_code{}); }, token,
            std::move(req));
    }
};

static_assert(renault::http::HttpBackend<backend_with_wrong_completion>);
static_assert(renault::http::AsyncHttpBackend<backend_with_wrong_completion>);
