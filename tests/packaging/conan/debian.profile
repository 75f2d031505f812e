# Conan host profile addition for Debian 12: Boost, OpenSSL and libcurl come from the system
# (apt-get install libboost1.81-dev libboost-json1.81-dev libssl-dev libcurl4-openssl-dev), not
# from a Conan remote. The versions are those of Debian 12's packages (dpkg -l libssl-dev
# libcurl4-openssl-dev). Use it after the default profile:
#   conan create . -pr:h default -pr:h tests/packaging/conan/debian.profile -pr:b default --build=missing
[settings]
# The library is C++20 (conan profile detect says gnu17 for g++ 12).
compiler.cppstd=20

[platform_requires]
boost/1.81.0
openssl/3.0.19
libcurl/7.88.1

[conf]
# Ninja, as the project's own builds (scripts/install-deps.sh installs ninja-build, not make).
tools.cmake.cmaketoolchain:generator=Ninja
