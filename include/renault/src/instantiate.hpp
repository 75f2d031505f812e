// What the parts of <renault/src.hpp> share: the check that the program uses the separately
// compiled mode, and the explicit instantiation of the client objects on a backend.
#pragma once

#include <renault/detail/config.hpp>

#if RENAULT_HEADER_ONLY
#error "<renault/src.hpp> is for the separately compiled mode: define RENAULT_SEPARATE_COMPILATION everywhere"
#endif

// g++ 12 warns that the frame of a coroutine holding a lambda "has a field whose type has no
// linkage" when the coroutine is defined in a header (the .ipp files): harmless, and not the
// user's to see.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

/// Compiles basic_client, basic_account and basic_vehicle on `Backend`, with their generated
/// operation forms (the counterpart of RENAULT_EXTERN_CLIENTS_OF in detail/extern_clients.hpp).
#define RENAULT_INSTANTIATE_CLIENTS_OF(Backend)                                                         \
    namespace renault {                                                                                \
    template class basic_client<Backend>;                                                              \
    template class client_operations<basic_client<Backend>>;                                           \
    template class basic_account<Backend>;                                                             \
    template class account_operations<basic_account<Backend>>;                                         \
    template class basic_vehicle<Backend>;                                                             \
    template class vehicle_operations<basic_vehicle<Backend>>;                                         \
    }
