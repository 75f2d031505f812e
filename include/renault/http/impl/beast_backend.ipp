// The definitions of beast_backend (http/beast_backend.hpp). Included by that header in the
// header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/http/beast_backend.hpp>
#include <renault/http/detail/beast_engine.hpp>

#include <future>

namespace renault::http {

RENAULT_DECL beast_backend::beast_backend(executor_type ex, beast_options options)
    : ex_(std::move(ex)), config_(detail::make_config(std::move(options))),
      engine_(ex_ ? std::make_shared<detail::engine>(ex_, config_) : nullptr),
      sync_(std::make_shared<detail::sync_holder>())
{
}

RENAULT_DECL const beast_options& beast_backend::options() const noexcept
{
    return config_->options;
}

RENAULT_DECL response beast_backend::send(const request& req, boost::system::error_code& ec) noexcept
{
    try {
        std::shared_ptr<detail::engine> eng;
        {
            std::lock_guard lock(sync_->mutex);
            if (!sync_->runner)
                sync_->runner = std::make_unique<detail::sync_runner>(config_);
            eng = sync_->runner->eng;
        }
        std::promise<detail::outcome> done;
        auto answer = done.get_future();
        detail::start(eng, req,
                      boost::asio::any_completion_handler<send_signature>(
                          [&done](boost::system::error_code code, response resp) {
                              done.set_value({code, std::move(resp)});
                          }),
                      eng->strand);
        auto [code, resp] = answer.get();
        ec = code;
        return std::move(resp);
    } catch (...) {
        ec = errc::transport_error;
        return {};
    }
}

RENAULT_DECL void beast_backend::start(const std::shared_ptr<detail::engine>& eng, request req,
                                       boost::asio::any_completion_handler<send_signature> handler,
                                       const executor_type& fallback)
{
    detail::start(eng, std::move(req), std::move(handler), fallback);
}

} // namespace renault::http
