// detail::account_core: the operations of an account (its vehicle list) as sans-io coroutines,
// whatever the backend; basic_account<Backend> (client/account.hpp) runs them.
#pragma once

#include <renault/client/detail/vehicle_core.hpp>

namespace renault::detail {

class account_core {
public:
    account_core(std::shared_ptr<session> s, std::string account_id)
        : session_(std::move(s)), account_id_(std::move(account_id))
    {
    }

    const std::shared_ptr<session>& session_ptr() const noexcept { return session_; }
    const std::string& account_id() const noexcept { return account_id_; }

    /// GET the account's vehicles.
    task<result<account_vehicles>> vehicles_op() const;
    /// A vehicle core for each vehicle link that has a VIN, seeded with its details.
    task<result<std::vector<vehicle_core>>> api_vehicles_op() const;

private:
    std::shared_ptr<session> session_;
    std::string account_id_;
};

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/client/impl/account_core.ipp>
#endif
