// Must not compile: as async_wrong_signature.cpp, with the token constrained by Asio's
// completion_token_for (the concept then fails by substitution, without a hard error inside).
#include <renault/http/backend.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <utility>

struct backend_with_wrong_completion {
    using executor_type = boost::asio::any_io_executor;
    executor_type get_executor() const { return {}; }

    renault::http::response send(const renault::http::request&, boost::system::error_code&) { return {}; }

    template <boost::asio::completion_token_for<void(boost::system::error_code)> CompletionToken>
    auto async_send(renault::http::request req, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [](auto handler, renault::http::request) { std::move(handler)(boost::system::error_code{}); }, token,
            std::move(req));
    }
};

static_assert(renault::http::HttpBackend<backend_with_wrong_completion>);
static_assert(renault::http::AsyncHttpBackend<backend_with_wrong_completion>);
