# Conan 2 recipe of renault-cpp (docs/install.md, "Conan").
#
#   conan create . -pr:h default -pr:h tests/packaging/conan/debian.profile -pr:b default --build=missing
#
# Options: beast (the Boost.Beast HTTPS backend, needs OpenSSL; default on), curl (the libcurl
# backend; default off), compiled (the separately compiled static library renault::compiled instead
# of headers only; default off). The CMake targets are those of the project's own package
# (cmake/renaultConfig.cmake.in): find_package(renault) gives renault::renault (the headers),
# renault::beast, renault::curl and renault::compiled.
import os
import re

from conan import ConanFile
from conan.errors import ConanException
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir


class RenaultConan(ConanFile):
    name = "renault"
    description = "C++20 client for the MyRenault API (Gigya + Kamereon): typed models, client, HTTP backends"
    license = "BSL-1.0"
    topics = ("renault", "myrenault", "kamereon", "gigya", "electric-vehicle", "header-only")
    package_type = "header-library"  # "static-library" with compiled=True (configure())
    settings = "os", "arch", "compiler", "build_type"
    options = {"beast": [True, False], "curl": [True, False], "compiled": [True, False]}
    default_options = {"beast": True, "curl": False, "compiled": False}
    # What the library's build reads: not the apps, tests, benchmarks, examples nor fixtures.
    exports_sources = ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*", "src/*", "schema/*",
                       "codegen/generate.py", "codegen/schema_loader.py", "codegen/templates/*")

    def set_version(self):
        # The one version of the project: project(renault VERSION x.y.z) in CMakeLists.txt.
        text = load(self, os.path.join(self.recipe_folder, "CMakeLists.txt"))
        match = re.search(r"project\(\s*renault\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", text)
        if not match:
            raise ValueError("no project(renault VERSION x.y.z) in CMakeLists.txt")
        self.version = match.group(1)

    def configure(self):
        if self.options.compiled:
            self.package_type = "static-library"

    def validate(self):
        check_min_cppstd(self, 20)

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        # The headers include Boost's (JSON, Describe, Mp11, Asio, Beast): transitive_headers.
        self.requires("boost/1.81.0", transitive_headers=True)
        if self.options.beast:
            self.requires("openssl/[>=3 <4]", transitive_headers=True)
        if self.options.curl:
            self.requires("libcurl/[>=7.78 <9]", transitive_headers=True)

    def package_id(self):
        # Headers only: one package whatever the settings and options (the same headers; the
        # options only choose the targets and requirements of package_info()).
        if not self.info.options.compiled:
            self.info.clear()

    def generate(self):
        tc = CMakeToolchain(self)
        for part in ("APPS", "TESTS", "BENCH", "EXAMPLES"):
            tc.cache_variables[f"RENAULT_BUILD_{part}"] = False
        tc.cache_variables["RENAULT_INSTALL"] = True
        tc.cache_variables["RENAULT_BUILD_COMPILED"] = bool(self.options.compiled)
        # The backends follow the options, not what happens to be installed.
        tc.cache_variables["CMAKE_DISABLE_FIND_PACKAGE_OpenSSL"] = not self.options.beast
        tc.cache_variables["CMAKE_REQUIRE_FIND_PACKAGE_OpenSSL"] = bool(self.options.beast)
        tc.cache_variables["CMAKE_DISABLE_FIND_PACKAGE_CURL"] = not self.options.curl
        # (No CMAKE_REQUIRE_FIND_PACKAGE_CURL: CMake's FindCURL first looks for a CURLConfig.cmake,
        # which Debian's libcurl does not have, and "required" makes that first look fail the
        # configure. package() checks instead that the curl backend was built.)
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        cmake = CMake(self)
        cmake.install(component="development")
        curl_targets = os.path.join(self.package_folder, "lib", "cmake", "renault", "renault-curlTargets.cmake")
        if self.options.curl and not os.path.exists(curl_targets):
            raise ConanException("renault: curl=True, but libcurl was not found: the curl backend was not built")
        # Conan writes the consumers' CMake and pkg-config files itself (package_info()).
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))
        rmdir(self, os.path.join(self.package_folder, "share"))

    def _link(self, component, package, components, system_libs):
        """Makes `component` use `components` of Conan package `package`; when that package comes
        from the system instead ([platform_requires], e.g. tests/packaging/conan/debian.profile),
        Conan knows nothing of its components, so the component links its libraries by name."""
        if package in self.dependencies.host:
            component.requires += [f"{package}::{c}" for c in components]
        else:
            component.system_libs += [lib for lib in system_libs if lib not in component.system_libs]

    def _backend(self, name, package, package_components, system_libs):
        """The header-only component renault::<name>: the headers plus an HTTP library."""
        backend = self.cpp_info.components[name]
        backend.set_property("cmake_target_name", f"renault::{name}")
        backend.set_property("pkg_config_name", f"renault-{name}")
        backend.requires = ["headers"]
        self._link(backend, package, package_components, system_libs)
        backend.system_libs.append("pthread")
        backend.bindirs = []
        backend.libdirs = []

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "renault")
        # The package's own target would be renault::renault, which is the headers component's.
        self.cpp_info.set_property("cmake_target_name", "renault::all")

        headers = self.cpp_info.components["headers"]
        headers.set_property("cmake_target_name", "renault::renault")
        headers.set_property("pkg_config_name", "renault")
        self._link(headers, "boost", ["headers", "json"], ["boost_json"])
        headers.bindirs = []
        headers.libdirs = []

        if self.options.beast:
            self._backend("beast", "openssl", ["ssl", "crypto"], ["ssl", "crypto"])
        if self.options.curl:
            self._backend("curl", "libcurl", ["curl"], ["curl"])
        if self.options.compiled:
            compiled = self.cpp_info.components["compiled"]
            compiled.set_property("cmake_target_name", "renault::compiled")
            compiled.set_property("pkg_config_name", "renault-compiled")
            compiled.libs = ["renault"]
            compiled.defines = ["RENAULT_SEPARATE_COMPILATION"]
            compiled.requires = ["headers"]
            if self.options.beast:
                self._link(compiled, "openssl", ["ssl", "crypto"], ["ssl", "crypto"])
            else:
                compiled.defines.append("RENAULT_NO_BEAST_BACKEND")
            if self.options.curl:
                self._link(compiled, "libcurl", ["curl"], ["curl"])
            compiled.system_libs.append("pthread")
            compiled.bindirs = []
