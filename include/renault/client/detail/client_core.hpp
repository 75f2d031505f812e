// detail::client_core: the operations of the client (login, person, accounts, remote locale
// settings) as sans-io coroutines, whatever the backend; basic_client<Backend> runs them.
#pragma once

#include <renault/client/detail/account_core.hpp>

namespace renault::detail {

class client_core {
public:
    explicit client_core(client_options options);

    const std::shared_ptr<session>& session_ptr() const noexcept { return session_; }

    task<result<none>> login_op(std::string login_id, std::string password);
    task<result<person>> person_op();
    /// An account core for each account of the person that has an id.
    task<result<std::vector<account_core>>> accounts_op();
    task<result<locale_settings>> fetch_locale_settings_op(std::string locale);

private:
    std::shared_ptr<session> session_;
};

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/client/impl/client_core.ipp>
#endif
