// renault::errc, its error category, and the exception the throwing forms raise.
#pragma once

#include <boost/system/error_code.hpp>

#include <string>
#include <system_error>
#include <type_traits>

namespace renault {

/// Error codes of the library.
enum class errc {
    ok = 0,
    invalid_json = 1,     ///< the body is not JSON (HTML page, empty, truncated, …)
    unexpected_root,      ///< JSON, but not the object or array the body shape needs
    strict_decode_failed, ///< strict mode: the body decoded with diagnostics
    nesting_too_deep,     ///< the body nests deeper than the decoder allows
    invalid_argument,     ///< an argument is out of its documented range
};

namespace detail {
class error_category_impl final : public boost::system::error_category {
public:
    // A fixed id, so that the category compares equal across shared libraries.
    error_category_impl() noexcept : boost::system::error_category(0x72656e61756c7431ULL) {}
    const char* name() const noexcept override { return "renault"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::ok: return "success";
        case errc::invalid_json: return "the body is not valid JSON";
        case errc::unexpected_root: return "the JSON body does not have the expected shape";
        case errc::strict_decode_failed: return "the body decoded with diagnostics (strict mode)";
        case errc::nesting_too_deep: return "the JSON body nests too deeply";
        case errc::invalid_argument: return "invalid argument";
        }
        return "unknown renault error";
    }
};
} // namespace detail

/// The category of renault::errc.
inline const boost::system::error_category& error_category() noexcept
{
    static const detail::error_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// The exception of the throwing forms: a std::system_error with a message that says what failed.
class error : public std::system_error {
public:
    error(boost::system::error_code ec, std::string what)
        : std::system_error(static_cast<std::error_code>(ec), what), code_(ec), what_(std::move(what))
    {
    }
    /// The error code, as a Boost.System code (the std::error_code is in code()).
    const boost::system::error_code& error_code() const noexcept { return code_; }
    /// The message as given, without std::system_error's ": <category message>" suffix.
    const char* what() const noexcept override { return what_.c_str(); }

private:
    boost::system::error_code code_;
    std::string what_;
};

} // namespace renault

template <>
struct boost::system::is_error_code_enum<renault::errc> : std::true_type {};
