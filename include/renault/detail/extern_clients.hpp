// In the separately compiled mode, tells every translation unit that basic_client, basic_account
// and basic_vehicle on any_backend and on beast_backend (and their generated operation forms) are
// compiled once, in <renault/src.hpp>. Included at the end of client/client.hpp, http/any_backend.hpp
// and http/beast_backend.hpp: the declarations for a backend appear once both headers are in.
// (No include guard on purpose: each inclusion checks again.)
#include <renault/detail/config.hpp>

#if !RENAULT_HEADER_ONLY

#define RENAULT_EXTERN_CLIENTS_OF(Backend)                                                              \
    namespace renault {                                                                                \
    extern template class basic_client<Backend>;                                                       \
    extern template class client_operations<basic_client<Backend>>;                                    \
    extern template class basic_account<Backend>;                                                      \
    extern template class account_operations<basic_account<Backend>>;                                  \
    extern template class basic_vehicle<Backend>;                                                      \
    extern template class vehicle_operations<basic_vehicle<Backend>>;                                  \
    }

#if defined(RENAULT_CLIENT_DEFINED) && defined(RENAULT_ANY_BACKEND_DEFINED) && !defined(RENAULT_EXTERN_ANY_DONE)
#define RENAULT_EXTERN_ANY_DONE
RENAULT_EXTERN_CLIENTS_OF(http::any_backend)
#endif

#if defined(RENAULT_CLIENT_DEFINED) && defined(RENAULT_BEAST_BACKEND_DEFINED) && !defined(RENAULT_EXTERN_BEAST_DONE)
#define RENAULT_EXTERN_BEAST_DONE
RENAULT_EXTERN_CLIENTS_OF(http::beast_backend)
#endif

#endif
