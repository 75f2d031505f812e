// The definitions of http/curl_backend.hpp, on libcurl's easy interface. Included by that header
// in the header-only mode; compiled once by <renault/src/curl.hpp> (the CMake target
// renault::compiled has it when libcurl is found).
#pragma once

#include <renault/error.hpp>
#include <renault/http/curl_backend.hpp>
#include <renault/http/proxy.hpp>
#include <renault/http/url.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <string_view>

namespace renault::http {

namespace detail {

RENAULT_DECL bool global_init() noexcept
{
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ok;
}

struct easy_deleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
using easy_handle = std::unique_ptr<CURL, easy_deleter>;

struct slist_deleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using slist = std::unique_ptr<curl_slist, slist_deleter>;

/// Easy handles between requests: each keeps its own live connections (curl_easy_reset keeps them).
struct handle_pool {
    std::mutex mutex;
    std::vector<easy_handle> idle;

    easy_handle take()
    {
        {
            std::lock_guard lock(mutex);
            if (!idle.empty()) {
                easy_handle h = std::move(idle.back());
                idle.pop_back();
                return h;
            }
        }
        return easy_handle(curl_easy_init());
    }
    void give_back(easy_handle h)
    {
        curl_easy_reset(h.get());
        std::lock_guard lock(mutex);
        if (idle.size() < 8)
            idle.push_back(std::move(h));
    }
};

/// What the callbacks fill in while a transfer runs.
struct transfer {
    std::size_t limit = 0;
    bool too_large = false;
    bool malformed = false;   ///< a header line with a control character (libcurl takes it)
    bool header_done = false; ///< the header of the final answer was read; the body follows
    response resp;
};

RENAULT_DECL std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto& t = *static_cast<transfer*>(user);
    const std::size_t n = size * count;
    if (t.resp.body.size() + n > t.limit) {
        t.too_large = true;
        return 0; // aborts the transfer (CURLE_WRITE_ERROR)
    }
    try {
        t.resp.body.append(data, n);
    } catch (...) {
        return 0;
    }
    return n;
}

RENAULT_DECL std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto& t = *static_cast<transfer*>(user);
    const std::size_t n = size * count;
    std::string_view line(data, n);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.remove_suffix(1);
    try {
        if (std::any_of(line.begin(), line.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u < 0x20 && c != '\t') || u == 0x7f;
            })) {
            t.malformed = true;
            return 0; // aborts the transfer: not an HTTP header line
        }
        if (line.empty()) {
            t.header_done = true;
        } else if (line.substr(0, 5) == "HTTP/") {
            t.resp.headers.clear(); // a new response: after a proxy's CONNECT answer, or a 100 Continue
            t.header_done = false;
        } else if (const auto colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            t.resp.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
        }
    } catch (...) {
        return 0;
    }
    return n;
}

RENAULT_DECL boost::system::error_code map_error(CURLcode code, const transfer& t, bool request_sent) noexcept
{
    if (t.too_large || code == CURLE_FILESIZE_EXCEEDED)
        return errc::response_too_large;
    // After the request went out, an "unsupported protocol" is the answer's (not HTTP/1.x), and a
    // receive error after the header is a broken body (a bad chunk).
    if (t.malformed || (request_sent && code == CURLE_UNSUPPORTED_PROTOCOL) || (t.header_done && code == CURLE_RECV_ERROR))
        return errc::invalid_response;
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return errc::timeout;
    // The server answered, but not in HTTP: a bad status line or header, a body shorter than its
    // Content-Length, a broken chunk or encoding.
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
        return errc::invalid_response;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        return errc::tls_error;
    default: return errc::transport_error;
    }
}

RENAULT_DECL bool safe_in_curl_header(std::string_view text) noexcept
{
    return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

struct state {
    curl_options options;
    handle_pool handles;
};

} // namespace detail

RENAULT_DECL curl_backend::curl_backend(curl_options options) : state_(std::make_shared<detail::state>())
{
    if (!detail::global_init())
        throw renault::error(errc::transport_error, "libcurl cannot be initialised");
    if (!options.ca_file.empty() && !std::ifstream(options.ca_file))
        throw renault::error(errc::tls_error, "cannot load the CA file " + options.ca_file);
    state_->options = std::move(options);
}

RENAULT_DECL const curl_options& curl_backend::options() const noexcept
{
    return state_->options;
}

RENAULT_DECL response curl_backend::send(const request& req, boost::system::error_code& ec) noexcept
{
    try {
        return perform(req, ec);
    } catch (...) {
        ec = errc::transport_error;
        return {};
    }
}

RENAULT_DECL response curl_backend::perform(const request& req, boost::system::error_code& ec)
{
    const curl_options& o = state_->options;
    const url_parts url = split_url(req.url);
    const bool https = iequals(url.scheme, "https");
    if (!https && !(iequals(url.scheme, "http") && o.allow_plain_http)) {
        ec = errc::url_refused;
        return {};
    }
    if (url.host.empty() || req.url.find_first_of(" \r\n\t") != std::string::npos) {
        ec = errc::invalid_argument;
        return {};
    }

    detail::slist list;
    auto add = [&](const std::string& line) {
        curl_slist* next = curl_slist_append(list.get(), line.c_str());
        if (!next)
            throw std::bad_alloc();
        (void)list.release();
        list.reset(next);
    };
    for (const auto& h : req.headers) {
        if (h.name.empty() || !detail::safe_in_curl_header(h.name) || !detail::safe_in_curl_header(h.value)
            || h.name.find_first_of(" :\t") != std::string::npos) {
            ec = errc::invalid_argument;
            return {};
        }
        add(h.value.empty() ? h.name + ";" : h.name + ": " + h.value); // "Name;" sends an empty value
    }
    if (!req.header("Accept"))
        add("Accept:"); // "Name:" removes a header libcurl would add
    if (!req.header("Content-Type"))
        add("Content-Type:");
    add("Expect:");

    detail::easy_handle h = state_->handles.take();
    if (!h) {
        ec = errc::transport_error;
        return {};
    }
    CURL* c = h.get();
    detail::transfer t;
    t.limit = o.max_response_size;
    const auto ms = [](std::chrono::milliseconds d) {
        return static_cast<long>(std::max<std::int64_t>(d.count(), 1));
    };

    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500 // 7.85: CURLOPT_PROTOCOLS is deprecated
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, o.allow_plain_http ? "http,https" : "https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS,
                     o.allow_plain_http ? long{CURLPROTO_HTTP | CURLPROTO_HTTPS} : long{CURLPROTO_HTTPS});
#endif
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
    if (req.method == method::post) {
        // A POST (an action) on a new connection: libcurl sends again on a fresh one when a reused
        // connection dies before the answer, and an action must never be sent twice.
        curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    if (!o.user_agent.empty() && !req.header("User-Agent"))
        curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
    // The request's own time (what is left of the client's operation deadline) when shorter.
    const auto overall = req.timeout.count() > 0 ? std::min(req.timeout, o.overall_timeout) : o.overall_timeout;
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms(std::min(o.connect_timeout, overall)));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms(overall));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_response_size));
    curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.verify_peer ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.verify_peer ? 2L : 0L);
    if (!o.ca_file.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
    // An empty proxy string turns off libcurl's reading of proxy variables.
    const bool proxied = https && o.https_proxy && !bypasses_proxy(o.no_proxy, url.host);
    curl_easy_setopt(c, CURLOPT_PROXY, proxied ? o.https_proxy->c_str() : "");
    curl_easy_setopt(c, CURLOPT_HTTPPROXYTUNNEL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &detail::on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &detail::on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);

    const CURLcode code = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    long request_size = 0;
    curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &request_size);
    long proxy_status = 0; // the answer to CONNECT, 0 without a proxy
    curl_easy_getinfo(c, CURLINFO_HTTP_CONNECTCODE, &proxy_status);
    state_->handles.give_back(std::move(h));
    if (code != CURLE_OK) {
        // A proxy that refused the tunnel (403, 407, 502, …) is a connection failure.
        ec = proxy_status != 0 && proxy_status / 100 != 2 ? make_error_code(errc::transport_error)
                                                         : detail::map_error(code, t, request_size > 0);
        return {};
    }
    ec.clear();
    t.resp.status = static_cast<unsigned>(status);
    return std::move(t.resp);
}

} // namespace renault::http
