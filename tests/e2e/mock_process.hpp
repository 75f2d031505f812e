// Starts renault-mock as a child process on an ephemeral port and stops it: for end-to-end tests.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace renault::test {

/// A running renault-mock: `url` is what it printed on its first line
/// ("listening on http://127.0.0.1:PORT" → "http://127.0.0.1:PORT").
class mock_process {
public:
    explicit mock_process(std::vector<std::string> args, std::chrono::seconds startup = std::chrono::seconds(20))
    {
        int out[2];
        if (::pipe(out) != 0)
            throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<char*> argv;
        args.insert(args.begin(), RENAULT_MOCK_PATH);
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const int rc = posix_spawn(&pid_, RENAULT_MOCK_PATH, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        if (rc != 0) {
            ::close(out[0]);
            throw std::runtime_error("cannot start " RENAULT_MOCK_PATH);
        }
        out_ = out[0];
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + startup;
        while (line.find('\n') == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{out_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
                stop();
                throw std::runtime_error("renault-mock did not print its address in time");
            }
            char buf[256];
            const auto n = ::read(out_, buf, sizeof buf);
            if (n <= 0) {
                stop();
                throw std::runtime_error("renault-mock exited before printing its address: " + line);
            }
            line.append(buf, static_cast<std::size_t>(n));
        }
        line = line.substr(0, line.find('\n'));
        const auto at = line.find("http");
        if (at == std::string::npos) {
            stop();
            throw std::runtime_error("unexpected first line from renault-mock: " + line);
        }
        url_ = line.substr(at);
        // Keep draining stdout so the mock never blocks on a full pipe.
        ::fcntl(out_, F_SETFL, ::fcntl(out_, F_GETFL) | O_NONBLOCK);
    }
    mock_process(const mock_process&) = delete;
    mock_process& operator=(const mock_process&) = delete;
    ~mock_process() { stop(); }

    const std::string& url() const noexcept { return url_; }
    long pid() const noexcept { return static_cast<long>(pid_); }
    /// The port the mock listens on.
    std::string port() const { return url_.substr(url_.rfind(':') + 1); }

    /// SIGTERM, then wait up to 5 s (SIGKILL after). Returns the exit status (-1 if killed).
    int stop()
    {
        if (pid_ <= 0)
            return status_;
        ::kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        int status = 0;
        for (;;) {
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                status_ = -1;
                break;
            }
            ::usleep(10'000);
        }
        pid_ = -1;
        if (out_ >= 0)
            ::close(out_);
        out_ = -1;
        return status_;
    }

private:
    pid_t pid_ = -1;
    int out_ = -1;
    int status_ = -1;
    std::string url_;
};

} // namespace renault::test
