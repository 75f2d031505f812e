// The separately compiled library, part 0: the JSON parser driver and the decoder and encoder of
// every body type of the API (generated/body_types.hpp). <renault/src.hpp> includes every part.
#pragma once

#include <renault/src/instantiate.hpp>

#include <renault/model.hpp>
#include <renault/model/impl/decode.ipp>

namespace renault {

namespace detail {
template void decode_into<void>(const sink*, void*, std::string_view, boost::system::error_code&,
                                const decode_options&, std::vector<diagnostic>&);
} // namespace detail

#define RENAULT_INSTANTIATE_BODY(T)                                                                     \
    template decoded<T> decode<T>(std::string_view, boost::system::error_code&, const decode_options&); \
    template void encode_to<T>(std::string&, const T&, const encode_options&);
RENAULT_FOR_EACH_BODY_TYPE(RENAULT_INSTANTIATE_BODY)
#undef RENAULT_INSTANTIATE_BODY

} // namespace renault
