// basic_account<Backend>: one Kamereon account — its vehicle list and vehicle objects
// (RENAULT_API.md §2.4). Must outlive the operations started on it.
#pragma once

#include <renault/client/vehicle.hpp>

namespace renault {

template <http::HttpBackend Backend>
class basic_account : public detail::runner<Backend>, public account_operations<basic_account<Backend>> {
    using runner = detail::runner<Backend>;
    using runner::session_;

public:
    using vehicle_type = basic_vehicle<Backend>;

    basic_account(Backend& backend, std::shared_ptr<detail::session> s, std::string account_id)
        : runner(backend, std::move(s)), account_id_(std::move(account_id))
    {
    }

    const std::string& account_id() const noexcept { return account_id_; }

    /// A vehicle object without I/O; its details are read on first use.
    vehicle_type vehicle(std::string vin) const { return vehicle_type(*this->backend_, session_, account_id_, std::move(vin)); }

    detail::task<result<account_vehicles>> vehicles_op()
    {
        auto target = session_->target(account_id_);
        if (!target)
            co_return fail(target);
        co_return co_await session_->template read_flat<account_vehicles>(
            protocol::kamereon_request(endpoints::account_vehicles::info, target.value));
    }

    detail::task<result<std::vector<vehicle_type>>> api_vehicles_op()
    {
        auto list = co_await vehicles_op();
        if (!list)
            co_return fail(list);
        if (!list.value.vehicle_links)
            co_return fail(errc::invalid_response, detail::session::message_only("`vehicleLinks` is missing in the vehicles answer"));
        std::vector<vehicle_type> out;
        for (auto& link : *list.value.vehicle_links) {
            if (!link.vin)
                continue;
            out.emplace_back(*this->backend_, session_, account_id_, *link.vin, link.vehicle_details);
        }
        co_return result<std::vector<vehicle_type>>{std::move(out), {}, {}};
    }

private:
    std::string account_id_;
};

} // namespace renault
