// The scripted test server and CONNECT proxy (test_server.hpp): blocking Beast/Asio I/O, one
// thread per connection, stopped by shutting the sockets down.
#include "test_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace renault::test {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

const std::string& certs_dir()
{
    static const std::string dir = [] {
        const std::string d = RENAULT_TRANSPORT_CERTS_DIR;
        if (!std::filesystem::exists(d + "/self_signed.pem")) {
            const std::string command = "bash '" RENAULT_TRANSPORT_CERT_SCRIPT "' '" + d + "' >/dev/null";
            if (std::system(command.c_str()) != 0)
                throw std::runtime_error("cannot generate the test certificates: " + command);
        }
        return d;
    }();
    return dir;
}

std::string cert_file(std::string_view name)
{
    return certs_dir() + "/" + std::string(name);
}

namespace {

bool iequal(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

const char* reason(unsigned status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    default: return "Status";
    }
}

std::string status_line(unsigned status)
{
    return "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
}

/// Accepts connections on 127.0.0.1 and runs each on its own thread; stops by shutting every
/// socket down and joining the threads.
class listener {
public:
    using on_connection = std::function<void(tcp::socket&, std::size_t index)>;

    explicit listener(on_connection f) : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), f_(std::move(f))
    {
        port_ = acceptor_.local_endpoint().port();
        accept_thread_ = std::thread([this] { accept_loop(); });
    }
    ~listener() { stop(); }

    void stop()
    {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
            stopping_ = true;
            ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
            for (const auto& [fd, socket] : open_)
                ::shutdown(fd, SHUT_RDWR);
        }
        wake_.notify_all();
        accept_thread_.join();
        for (auto& t : threads_)
            t.join();
    }

    std::uint16_t port() const { return port_; }
    std::size_t connections() const { return accepted_.load(); }
    asio::io_context& io() { return io_; }

    /// Waits `delay`, or less when the listener stops; false when it stopped.
    bool wait(std::chrono::milliseconds delay)
    {
        std::unique_lock lock(mutex_);
        return !wake_.wait_for(lock, delay, [this] { return stopping_; });
    }

    /// Shuts `fd` down at stop too (a proxy's upstream socket); false when already stopping.
    bool track(int fd, std::shared_ptr<tcp::socket> socket)
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return false;
        open_[fd] = std::move(socket);
        return true;
    }
    void untrack(int fd)
    {
        std::lock_guard lock(mutex_);
        open_.erase(fd);
    }

private:
    void accept_loop()
    {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(io_);
            error_code ec;
            acceptor_.accept(*socket, ec);
            if (ec) {
                std::lock_guard lock(mutex_);
                if (stopping_)
                    return;
                continue;
            }
            const std::size_t index = ++accepted_;
            const int fd = socket->native_handle();
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
            open_[fd] = socket;
            threads_.emplace_back([this, socket, index, fd] {
                try {
                    f_(*socket, index);
                } catch (...) {
                }
                std::lock_guard inner(mutex_);
                open_.erase(fd);
                error_code ignored;
                socket->close(ignored);
            });
        }
    }

    asio::io_context io_; // never run: blocking operations only
    tcp::acceptor acceptor_;
    on_connection f_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<int, std::shared_ptr<tcp::socket>> open_;
    std::thread accept_thread_;
    std::vector<std::thread> threads_;
};

} // namespace

std::string received::header(std::string_view name) const
{
    for (const auto& [n, v] : headers)
        if (iequal(n, name))
            return v;
    return {};
}

bool received::has_header(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequal(h.first, name); });
}

reply respond(unsigned status, std::string_view body, std::vector<std::string> headers)
{
    std::string raw = status_line(status);
    for (const auto& h : headers)
        raw += h + "\r\n";
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    raw += body;
    return {std::move(raw)};
}

reply chunked(unsigned status, const std::vector<std::string>& chunks)
{
    std::string raw = status_line(status) + "Transfer-Encoding: chunked\r\n\r\n";
    char size[32];
    for (const auto& c : chunks) {
        std::snprintf(size, sizeof size, "%zx\r\n", c.size());
        raw += size + c + "\r\n";
    }
    raw += "0\r\n\r\n";
    return {std::move(raw)};
}

reply until_close(unsigned status, std::string_view body)
{
    std::string raw = status_line(status) + "Content-Type: text/plain\r\n\r\n";
    raw += body;
    return {std::move(raw), {}, true};
}

reply drop()
{
    return {{}, {}, true};
}

reply malformed_answer(const received& request)
{
    if (request.target == "/status-line")
        return {"HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\n{}", {}, true};
    if (request.target == "/short-body")
        return {"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\": 1}", {}, true};
    if (request.target == "/header-control")
        return {"HTTP/1.1 200 OK\r\nX-Evil: a\x01b\r\nContent-Length: 2\r\n\r\n{}", {}, true};
    if (request.target == "/bad-chunk")
        return {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", {}, true};
    return respond(404, "");
}

// --- test_server -------------------------------------------------------------------------------

struct test_server::impl {
    impl(handler h, server_cert cert) : handle(std::move(h)), tls(cert != server_cert::none)
    {
        if (tls) {
            const char* name = cert == server_cert::good         ? "server.pem"
                             : cert == server_cert::wrong_host   ? "wrong_host.pem"
                             : cert == server_cert::expired      ? "expired.pem"
                                                                 : "self_signed.pem";
            context.use_certificate_chain_file(cert_file(name));
            context.use_private_key_file(cert_file("server.key"), ssl::context::pem);
        }
        net = std::make_unique<listener>([this](tcp::socket& socket, std::size_t index) { run(socket, index); });
    }

    void run(tcp::socket& socket, std::size_t index)
    {
        if (!tls) {
            serve(socket, socket, index);
            return;
        }
        ssl::stream<tcp::socket&> stream(socket, context);
        error_code ec;
        stream.handshake(ssl::stream_base::server, ec);
        {
            std::lock_guard lock(mutex);
            const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
            server_name = sni ? sni : "";
        }
        if (!ec)
            serve(stream, socket, index);
    }

    template <class Stream>
    void serve(Stream& stream, tcp::socket& socket, std::size_t index)
    {
        boost::beast::flat_buffer buffer;
        for (std::size_t nth = 1;; ++nth) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            error_code ec;
            bhttp::read(stream, buffer, parser, ec);
            if (ec)
                return;
            received r;
            const auto& msg = parser.get();
            r.method = std::string(msg.method_string());
            r.target = std::string(msg.target());
            for (const auto& f : msg)
                r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
            r.body = msg.body();
            r.connection = index;
            r.nth = nth;
            {
                std::lock_guard lock(mutex);
                seen.push_back(r);
            }
            const reply answer = handle(r);
            if (answer.delay.count() > 0 && !net->wait(answer.delay))
                return;
            if (!answer.raw.empty())
                asio::write(stream, asio::buffer(answer.raw), ec);
            if (ec || answer.close) {
                // Closing the TCP connection without a TLS close_notify, as some servers do.
                socket.shutdown(tcp::socket::shutdown_both, ec);
                return;
            }
        }
    }

    handler handle;
    bool tls;
    ssl::context context{ssl::context::tls_server};
    mutable std::mutex mutex;
    std::vector<received> seen;
    std::string server_name;
    std::unique_ptr<listener> net; // last: stopped first
};

test_server::test_server(handler h, server_cert cert) : impl_(std::make_unique<impl>(std::move(h), cert)) {}
test_server::~test_server()
{
    impl_->net->stop();
}

std::uint16_t test_server::port() const
{
    return impl_->net->port();
}

std::string test_server::url(std::string_view path, std::string_view host) const
{
    return std::string(impl_->tls ? "https://" : "http://") + std::string(host) + ":" + std::to_string(port())
         + std::string(path);
}

std::size_t test_server::connections() const
{
    return impl_->net->connections();
}

std::size_t test_server::requests() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->seen.size();
}

std::vector<received> test_server::received_requests() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->seen;
}

std::string test_server::last_server_name() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->server_name;
}

// --- connect_proxy -----------------------------------------------------------------------------

struct connect_proxy::impl {
    explicit impl(bool r) : refuse(r)
    {
        net = std::make_unique<listener>([this](tcp::socket& socket, std::size_t) { run(socket); });
    }

    void run(tcp::socket& client)
    {
        boost::beast::flat_buffer buffer;
        bhttp::request_parser<bhttp::empty_body> parser;
        error_code ec;
        bhttp::read(client, buffer, parser, ec);
        if (ec)
            return;
        const auto& msg = parser.get();
        const std::string target(msg.target());
        {
            std::lock_guard lock(mutex);
            seen_targets.push_back(target);
            const auto auth = msg.find(bhttp::field::proxy_authorization);
            seen_authorizations.push_back(auth == msg.end() ? std::string() : std::string(auth->value()));
        }
        const auto colon = target.rfind(':');
        const std::string host = target.substr(0, colon == std::string::npos ? 0 : colon);
        const bool loopback = host == "127.0.0.1" || host == "localhost";
        if (refuse || msg.method() != bhttp::verb::connect || !loopback) {
            asio::write(client, asio::buffer(std::string_view("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")), ec);
            return;
        }
        auto upstream = std::make_shared<tcp::socket>(net->io());
        upstream->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                        static_cast<std::uint16_t>(std::stoi(target.substr(colon + 1)))),
                          ec);
        if (ec) {
            asio::write(client, asio::buffer(std::string_view("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")), ec);
            return;
        }
        const int up = upstream->native_handle();
        if (!net->track(up, upstream))
            return;
        asio::write(client, asio::buffer(std::string_view("HTTP/1.1 200 Connection established\r\n\r\n")), ec);
        if (!ec && buffer.size() > 0)
            asio::write(*upstream, buffer.data(), ec);
        if (!ec)
            relay(client.native_handle(), up);
        net->untrack(up);
    }

    // Copies bytes both ways until both sides have finished (or the proxy stops).
    static void relay(int a, int b)
    {
        bool open[2] = {true, true};
        const int fds[2] = {a, b};
        char data[16 * 1024];
        while (open[0] || open[1]) {
            pollfd p[2] = {{fds[0], static_cast<short>(open[0] ? POLLIN : 0), 0},
                           {fds[1], static_cast<short>(open[1] ? POLLIN : 0), 0}};
            if (::poll(p, 2, 5000) <= 0)
                return;
            for (int i = 0; i < 2; ++i) {
                if (!open[i] || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                const auto n = ::recv(fds[i], data, sizeof data, 0);
                if (n <= 0) {
                    open[i] = false;
                    ::shutdown(fds[1 - i], SHUT_WR);
                    continue;
                }
                for (ssize_t done = 0; done < n;) {
                    const auto w = ::send(fds[1 - i], data + done, static_cast<std::size_t>(n - done), MSG_NOSIGNAL);
                    if (w <= 0)
                        return;
                    done += w;
                }
            }
        }
    }

    bool refuse;
    mutable std::mutex mutex;
    std::vector<std::string> seen_targets;
    std::vector<std::string> seen_authorizations;
    std::unique_ptr<listener> net;
};

connect_proxy::connect_proxy(bool refuse) : impl_(std::make_unique<impl>(refuse)) {}
connect_proxy::~connect_proxy()
{
    impl_->net->stop();
}

std::uint16_t connect_proxy::port() const
{
    return impl_->net->port();
}

std::string connect_proxy::url() const
{
    return "http://127.0.0.1:" + std::to_string(port());
}

std::vector<std::string> connect_proxy::targets() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->seen_targets;
}

std::vector<std::string> connect_proxy::authorizations() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->seen_authorizations;
}

// --- silent_server -----------------------------------------------------------------------------

struct silent_server::impl {
    listener net{[this](tcp::socket&, std::size_t) { (void)net.wait(std::chrono::hours(1)); }};
};

silent_server::silent_server() : impl_(std::make_unique<impl>()) {}
silent_server::~silent_server() = default;

std::uint16_t silent_server::port() const
{
    return impl_->net.port();
}

std::uint16_t closed_port()
{
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

} // namespace renault::test
