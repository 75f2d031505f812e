// The synchronous driver of client operations: performs each I/O request of a task with
// HttpBackend::send, and the conversions to the throwing and error_code forms.
#pragma once

#include <renault/client/task.hpp>
#include <renault/http/backend.hpp>

#include <condition_variable>
#include <mutex>

namespace renault {

namespace detail {

/// Runs an operation to completion on the calling thread.
template <http::ClientBackend Backend, class T>
result<T> run_sync(Backend& backend, task<result<T>> op, const std::function<void(std::chrono::milliseconds)>& sleep)
{
    io_slot slot;
    op.start(slot);
    for (;;) {
        slot.resume.resume();
        if (op.done())
            return op.take();
        switch (slot.kind) {
        case io_kind::send: {
            boost::system::error_code ec;
            try {
                slot.response = backend.send(slot.request, ec);
            } catch (...) {
                ec = errc::transport_error; // a backend must not throw; never let it escape
            }
            slot.ec = ec;
            break;
        }
        case io_kind::sleep:
            sleep(slot.delay);
            break;
        case io_kind::wait: {
            std::mutex m;
            std::condition_variable cv;
            bool ready = false;
            slot.subscribe([&] {
                std::lock_guard lock(m);
                ready = true;
                cv.notify_one();
            });
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return ready; });
            break;
        }
        case io_kind::none:
            break;
        }
    }
}

} // namespace detail

/// The value of a result, or renault::error thrown with the server's diagnostics.
template <class T>
T value_or_throw(result<T>&& r)
{
    if (r.ec)
        throw error(r.ec, std::move(r.diagnostics));
    return std::move(r.value);
}

/// The value of a result; the error (if any) in `ec`, the server's diagnostics in `diag`.
template <class T>
T value_or_error(result<T>&& r, boost::system::error_code& ec, server_diagnostics* diag = nullptr)
{
    ec = r.ec;
    if (diag)
        *diag = std::move(r.diagnostics);
    return std::move(r.value);
}

} // namespace renault
