// renault::http::fake_backend: an in-memory HttpBackend and AsyncHttpBackend that answers from a
// script and records every request, so that code built on the library can be tested without a
// server (docs/concepts/http_backend.md).
#pragma once

#include <renault/error.hpp>
#include <renault/http/backend.hpp>
#include <renault/http/message.hpp>
#include <renault/http/url.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/execution/bad_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace renault::http {

/// An HTTP backend that answers from a script instead of the network.
///
///     renault::http::fake_backend fake{io.get_executor()};
///     fake.on(method::get, "/commerce/v1/persons/p1", fake_backend::json(200, R"({"accounts":[]})"))
///         .on(method::post, "/accounts.login", [](const request& req) { return fake_backend::json(200, req.body); })
///         .fail(method::get, "/commerce/v1/accounts/a1/vehicles", renault::errc::timeout);
///
/// Matching: a script is keyed by method and target. The target is a path (scheme and host, if
/// given, are ignored, and so are those of the requests). A target with a query ("/p?a=1&b=2")
/// matches only requests with exactly that set of parameters, in any order, compared decoded
/// ("/p?" matches requests without parameters); a target without one matches any query. When both
/// kinds match, the one with a query wins.
///
/// Sequences: scripts added for the same key answer in turn, and the last one keeps answering
/// until another is added: `on(k, 401)` then `on(k, 200)` answers 401 once, then 200 every time.
///
/// An unscripted request gets a 404 with a Kamereon error body whose errorCode is
/// "fake.unscripted" and whose message names the method and target, so that a missing script shows
/// up in the test's failure rather than as a crash. Every request is recorded (scripted or not).
///
/// Copies share scripts and records (a copy given to a client can be inspected through the
/// original); they also share the executor given at construction. Thread safety: every member
/// function may be called from any thread at any time.
class fake_backend {
public:
    using executor_type = boost::asio::any_io_executor;
    /// Computes a response from the request (to echo it, check its body, count calls...). An
    /// exception it throws is reported as errc::transport_error.
    using responder = std::function<response(const request&)>;

    /// `ex` runs the completions of `async_send` (it must be a real executor to use `async_send`;
    /// `send` does not need one).
    explicit fake_backend(executor_type ex = {}) : ex_(std::move(ex)) {}

    executor_type get_executor() const noexcept { return ex_; }

    /// Answers requests matching `verb` and `target` with `r`.
    fake_backend& on(http::method verb, std::string target, response r) { return add(verb, target, std::move(r)); }
    /// Answers requests matching `verb` and `target` with what `f` returns.
    fake_backend& on(http::method verb, std::string target, responder f) { return add(verb, target, std::move(f)); }
    /// Fails requests matching `verb` and `target` with `ec`, a transport error (no response).
    fake_backend& fail(http::method verb, std::string target, boost::system::error_code ec)
    {
        return add(verb, target, ec);
    }

    /// A response with `status`, `body` and Content-Type: application/json.
    static response json(unsigned status, std::string body)
    {
        return {status, {{"Content-Type", "application/json"}}, std::move(body)};
    }

    /// A copy of the requests received so far, in the order they arrived.
    std::vector<request> requests() const
    {
        std::lock_guard lock(state_->mutex);
        return state_->records;
    }

    /// How many recorded requests match `verb` and `target` (a path, optionally with a query,
    /// matched as by `on`).
    std::size_t count(http::method verb, std::string_view target) const
    {
        const pattern p = pattern::parse(verb, target);
        std::lock_guard lock(state_->mutex);
        return static_cast<std::size_t>(std::count_if(state_->records.begin(), state_->records.end(),
                                                      [&](const request& r) { return p.matches(r); }));
    }

    /// Forgets the recorded requests; scripts stay.
    void clear_requests()
    {
        std::lock_guard lock(state_->mutex);
        state_->records.clear();
    }

    /// Forgets scripts, records and latency: the state of a new fake.
    void reset()
    {
        std::lock_guard lock(state_->mutex);
        state_->scripts.clear();
        state_->records.clear();
        state_->latency = {};
    }

    /// Delays every answer by `latency`: `send` sleeps, `async_send` waits on a steady_timer.
    void set_latency(std::chrono::milliseconds latency)
    {
        std::lock_guard lock(state_->mutex);
        state_->latency = std::max(latency, std::chrono::milliseconds{0});
    }

    /// Answers `req` from the script. Never throws; a scripted failure or an exception from a
    /// responder is reported through `ec` with an empty response.
    response send(const request& req, boost::system::error_code& ec) noexcept
    {
        try {
            auto [code, delay, resp] = serve(*state_, req);
            if (delay.count() > 0)
                std::this_thread::sleep_for(delay);
            ec = code;
            return std::move(resp);
        } catch (...) {
            ec = errc::transport_error;
            return {};
        }
    }

    /// Answers `req` from the script, asynchronously: completes with `void(error_code, response)`
    /// on the handler's associated executor (by default the fake's), never inside this call, after
    /// the latency if one is set. The script is consulted (and the request recorded) when the
    /// operation starts. Throws boost::asio::execution::bad_executor when the fake has no executor.
    template <class CompletionToken>
    auto async_send(request req, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, send_signature>(
            [state = state_, ex = ex_](auto handler, request r) {
                if (!ex)
                    throw boost::asio::execution::bad_executor();
                auto timer = std::make_unique<boost::asio::steady_timer>(ex);
                outcome result = serve(*state, r);
                const auto handler_ex = boost::asio::get_associated_executor(handler, ex);
                auto& t = *timer; // an expired timer still completes through the executor, not inline
                t.expires_after(result.delay);
                t.async_wait(boost::asio::bind_executor(
                    handler_ex, [timer = std::move(timer), handler = std::move(handler),
                                 result = std::move(result)](boost::system::error_code) mutable {
                        std::move(handler)(result.ec, std::move(result.resp));
                    }));
            },
            token, std::move(req));
    }

private:
    using reply = std::variant<response, responder, boost::system::error_code>;

    struct pattern {
        http::method method = http::method::get;
        std::string path;
        std::optional<query_params> query; // sorted; nullopt: any query

        static pattern parse(http::method m, std::string_view target)
        {
            url_parts url = split_url(target);
            pattern p{m, std::move(url.path), std::nullopt};
            if (target.find('?') != std::string_view::npos)
                p.query = sorted(parse_query(url.query));
            return p;
        }
        bool matches(const request& r) const
        {
            if (r.method != method)
                return false;
            const url_parts url = split_url(r.url);
            return url.path == path && (!query || *query == sorted(parse_query(url.query)));
        }
        friend bool operator==(const pattern&, const pattern&) = default;
    };

    struct script {
        pattern target;
        std::deque<reply> replies; // the front answers next; the last one repeats
        bool repeating = false;    // the single reply left has answered already
    };

    struct state {
        std::mutex mutex;
        std::vector<script> scripts;
        std::vector<request> records;
        std::chrono::milliseconds latency{0};
    };

    struct outcome {
        boost::system::error_code ec;
        std::chrono::milliseconds delay{0};
        response resp;
    };

    static query_params sorted(query_params params)
    {
        std::sort(params.begin(), params.end());
        return params;
    }

    fake_backend& add(http::method verb, std::string_view target, reply r)
    {
        pattern p = pattern::parse(verb, target);
        std::lock_guard lock(state_->mutex);
        auto it = std::find_if(state_->scripts.begin(), state_->scripts.end(),
                               [&](const script& s) { return s.target == p; });
        if (it == state_->scripts.end())
            it = state_->scripts.insert(state_->scripts.end(), script{std::move(p), {}, false});
        if (it->repeating)
            it->replies.clear(); // it has had its turn; the new reply takes over
        it->repeating = false;
        it->replies.push_back(std::move(r));
        return *this;
    }

    // Records `req`, takes the reply due from its script and turns it into an outcome.
    static outcome serve(state& s, const request& req)
    {
        outcome result;
        reply due;
        {
            std::lock_guard lock(s.mutex);
            s.records.push_back(req);
            result.delay = s.latency;
            script* best = nullptr;
            for (auto& candidate : s.scripts)
                if (candidate.target.matches(req) && (!best || !best->target.query))
                    best = &candidate;
            if (!best)
                due = unscripted(req);
            else if (best->replies.size() > 1) {
                due = std::move(best->replies.front());
                best->replies.pop_front();
            } else {
                due = best->replies.front();
                best->repeating = true;
            }
        }
        if (auto* r = std::get_if<response>(&due))
            result.resp = std::move(*r);
        else if (auto* code = std::get_if<boost::system::error_code>(&due))
            result.ec = *code;
        else {
            try {
                result.resp = std::get<responder>(due)(req);
            } catch (...) {
                result.ec = errc::transport_error;
            }
        }
        return result;
    }

    static response unscripted(const request& req)
    {
        const url_parts url = split_url(req.url);
        std::string what = std::string(method_name(req.method)) + ' ' + url.path;
        if (!url.query.empty())
            what += '?' + url.query;
        std::string escaped;
        for (const char c : what) {
            if (c == '"' || c == '\\')
                escaped += '\\';
            if (static_cast<unsigned char>(c) < 0x20)
                escaped += "\\u00" + std::string{"0123456789abcdef"[(c >> 4) & 0xF], "0123456789abcdef"[c & 0xF]};
            else
                escaped += c;
        }
        return json(404, R"({"errors":[{"errorCode":"fake.unscripted","errorMessage":"no scripted response for )"
                             + escaped + R"("}]})");
    }

    std::shared_ptr<state> state_ = std::make_shared<state>();
    executor_type ex_;
};

static_assert(HttpBackend<fake_backend>);
static_assert(AsyncHttpBackend<fake_backend>);

} // namespace renault::http
