// basic_vehicle<Backend>: one vehicle of an account — every data getter and action, resolved
// through the vehicle model's endpoint table (docs/client.md). The named forms come from
// schema/operations.yaml (generated vehicle_operations); each runs one coroutine of
// detail::vehicle_core.
//
// A vehicle object must outlive the operations started on it (like an Asio I/O object). Copies
// share the cache (details, car adapter, contracts).
#pragma once

#include <renault/client/detail/vehicle_core.hpp>
#include <renault/client/runner.hpp>
#include <renault/generated/operations.hpp>
#include <renault/http/backend.hpp>

namespace renault {

template <http::ClientBackend Backend>
class basic_account;
template <http::ClientBackend Backend>
class basic_client;

template <http::ClientBackend Backend>
class basic_vehicle : public vehicle_operations<basic_vehicle<Backend>> {
public:
    using backend_type = Backend;

    const std::string& account_id() const noexcept { return core_.account_id(); }
    const std::string& vin() const noexcept { return core_.vin(); }
    /// The backend the vehicle's operations run on.
    Backend& backend() const noexcept { return runner_.backend(); }

private:
    friend struct detail::access;
    friend class basic_account<Backend>;
    friend class basic_client<Backend>;

    detail::vehicle_core& operations() noexcept { return core_; }

    basic_vehicle(Backend& backend, detail::vehicle_core core)
        : runner_(backend, core.session_ptr()), core_(std::move(core))
    {
    }

    detail::runner<Backend> runner_;
    detail::vehicle_core core_;
};

} // namespace renault
