// The definitions of session/credential_store.hpp. Included by that header in the header-only
// mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/session/credential_store.hpp>

#include <algorithm>

namespace renault {

RENAULT_DECL credential make_jwt_credential(std::string token)
{
    const auto expiry = jwt_expiry(token);
    return credential{std::move(token), expiry.value_or(std::chrono::system_clock::time_point::min())};
}

RENAULT_DECL void credential_store::set_many(std::vector<entry> items, boost::system::error_code& ec)
{
    ec.clear();
    for (auto& [key, value] : items) {
        set(key, std::move(value), ec);
        if (ec)
            return;
    }
}

RENAULT_DECL void credential_store::erase_many(std::span<const std::string_view> keys, boost::system::error_code& ec)
{
    ec.clear();
    for (const auto key : keys) {
        erase(key, ec);
        if (ec)
            return;
    }
}

RENAULT_DECL void credential_store::update(std::vector<entry> items, std::span<const std::string_view> erased,
                                           boost::system::error_code& ec)
{
    std::vector<std::string_view> removed;
    for (const auto key : erased)
        if (std::none_of(items.begin(), items.end(), [&](const entry& e) { return e.first == key; }))
            removed.push_back(key);
    set_many(std::move(items), ec);
    if (!ec)
        erase_many(removed, ec);
}

RENAULT_DECL std::optional<std::string> credential_store::get(std::string_view key, clock::time_point now) const
{
    auto found = find(key);
    if (!found || found->expired(now))
        return std::nullopt;
    return std::move(found->value);
}

RENAULT_DECL bool credential_store::contains(std::string_view key, clock::time_point now) const
{
    const auto found = find(key);
    return found && !found->expired(now);
}

RENAULT_DECL void credential_store::set(std::string_view key, credential value)
{
    boost::system::error_code ec;
    set(key, std::move(value), ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::erase(std::string_view key)
{
    boost::system::error_code ec;
    erase(key, ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::set_many(std::vector<entry> items)
{
    boost::system::error_code ec;
    set_many(std::move(items), ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::update(std::vector<entry> items, std::span<const std::string_view> erased)
{
    boost::system::error_code ec;
    update(std::move(items), erased, ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::clear(boost::system::error_code& ec)
{
    std::vector<std::string> names;
    for (const auto& [key, value] : entries())
        if (std::find(permanent_keys.begin(), permanent_keys.end(), key) == permanent_keys.end())
            names.push_back(key);
    const std::vector<std::string_view> views(names.begin(), names.end());
    erase_many(views, ec);
}

RENAULT_DECL void credential_store::clear()
{
    boost::system::error_code ec;
    clear(ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::clear_keys(std::span<const std::string_view> keys)
{
    boost::system::error_code ec;
    erase_many(keys, ec);
    throw_on_failure(ec);
}

RENAULT_DECL void credential_store::throw_on_failure(const boost::system::error_code& ec) const
{
    if (ec)
        throw error(ec, describe_failure(ec));
}

namespace detail {

RENAULT_DECL credential_store::entry* find_entry(credential_list& list, std::string_view key) noexcept
{
    for (auto& e : list)
        if (e.first == key)
            return &e;
    return nullptr;
}

RENAULT_DECL const credential_store::entry* find_entry(const credential_list& list, std::string_view key) noexcept
{
    for (const auto& e : list)
        if (e.first == key)
            return &e;
    return nullptr;
}

RENAULT_DECL void put_entry(credential_list& list, std::string_view key, credential value)
{
    if (auto* e = find_entry(list, key))
        e->second = std::move(value);
    else
        list.emplace_back(std::string(key), std::move(value));
}

RENAULT_DECL bool remove_entry(credential_list& list, std::string_view key)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.first == key; });
    if (it == list.end())
        return false;
    list.erase(it);
    return true;
}

} // namespace detail

RENAULT_DECL std::optional<credential> memory_credential_store::find(std::string_view key) const
{
    if (const auto* e = detail::find_entry(entries_, key))
        return e->second;
    return std::nullopt;
}

RENAULT_DECL void memory_credential_store::set(std::string_view key, credential value, boost::system::error_code& ec)
{
    ec.clear();
    detail::put_entry(entries_, key, std::move(value));
}

RENAULT_DECL void memory_credential_store::erase(std::string_view key, boost::system::error_code& ec)
{
    ec.clear();
    detail::remove_entry(entries_, key);
}

} // namespace renault
