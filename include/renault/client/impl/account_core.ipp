// The definitions of detail::account_core (client/detail/account_core.hpp). Included by that
// header in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/client/detail/account_core.hpp>

namespace renault::detail {

RENAULT_DECL task<result<account_vehicles>> account_core::vehicles_op() const
{
    auto target = session_->target(account_id_);
    if (!target)
        co_return fail(target);
    co_return co_await session_->read_flat<account_vehicles>(
        protocol::kamereon_request(endpoints::account_vehicles::info, target.value));
}

RENAULT_DECL task<result<std::vector<vehicle_core>>> account_core::api_vehicles_op() const
{
    auto list = co_await vehicles_op();
    if (!list)
        co_return fail(list);
    if (!list.value.vehicle_links)
        co_return fail(errc::invalid_response, session::message_only("`vehicleLinks` is missing in the vehicles answer"));
    std::vector<vehicle_core> out;
    for (auto& link : *list.value.vehicle_links) {
        if (!link.vin)
            continue;
        out.emplace_back(session_, account_id_, *link.vin, link.vehicle_details);
    }
    co_return result<std::vector<vehicle_core>>{std::move(out), {}, {}};
}

} // namespace renault::detail
