// basic_account<Backend>: one Kamereon account — its vehicle list and vehicle objects. Must
// outlive the operations started on it.
#pragma once

#include <renault/client/detail/account_core.hpp>
#include <renault/client/vehicle.hpp>

namespace renault {

template <http::ClientBackend Backend>
class basic_account : public account_operations<basic_account<Backend>> {
public:
    using backend_type = Backend;
    using vehicle_type = basic_vehicle<Backend>;

    const std::string& account_id() const noexcept { return core_.account_id(); }

    /// A vehicle object without I/O; its details are read on first use.
    vehicle_type vehicle(std::string vin) const
    {
        return vehicle_type(runner_.backend(), detail::vehicle_core(core_.session_ptr(), core_.account_id(), std::move(vin)));
    }
    /// The backend the account's operations run on.
    Backend& backend() const noexcept { return runner_.backend(); }

private:
    friend struct detail::access;
    friend class basic_client<Backend>;

    /// The generated get_api_vehicles() runs this: the core's vehicles, as objects on this backend.
    struct core_adapter {
        basic_account* self;
        detail::task<result<account_vehicles>> vehicles_op() { return self->core_.vehicles_op(); }
        detail::task<result<std::vector<vehicle_type>>> api_vehicles_op()
        {
            return detail::wrap_all(self->core_.api_vehicles_op(), [backend = &self->runner_.backend()](detail::vehicle_core c) {
                return vehicle_type(*backend, std::move(c));
            });
        }
    };

    core_adapter operations() noexcept { return {this}; }

    basic_account(Backend& backend, detail::account_core core) : runner_(backend, core.session_ptr()), core_(std::move(core))
    {
    }

    detail::runner<Backend> runner_;
    detail::account_core core_;
};

} // namespace renault
