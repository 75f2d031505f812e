// Header-only mode, built with `pkg-config --cflags --libs renault` only.
#include <renault/endpoints.hpp>
#include <renault/locales.hpp>
#include <renault/version.hpp>

#include <cstdio>
#include <cstring>

int main()
{
    const auto* locale = renault::find_locale("fr_FR");
    bool ok = locale != nullptr && renault::supports_endpoint("X102VE", "pressure") &&
              !renault::supports_endpoint("X101VE", "pressure") && std::strlen(RENAULT_VERSION_STRING) > 0;
    std::printf("consumer_headers %s: %s\n", RENAULT_VERSION_STRING, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
