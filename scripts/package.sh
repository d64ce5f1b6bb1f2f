#!/usr/bin/env bash
# Builds the Debian package (issue #16): a Release build in build/package with prefix /usr and
# Debian's hardening flags (dpkg-buildflags), then CPack's DEB generator (Depends from
# dpkg-shlibdeps), then lintian. Prints the .deb's path on stdout.
#   scripts/package.sh                 build/package/devk8s_<version>_<arch>.deb
# Install it with: sudo apt install ./build/package/devk8s_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in cmake cpack dpkg-buildflags dpkg-shlibdeps dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool not found: run scripts/setup.sh --deps-only" >&2; exit 1; }
done

# The flags a Debian package is built with: -O2, -fstack-protector-strong, _FORTIFY_SOURCE,
# relro and now (hardening=+all also makes the binary position-independent).
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build/package -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DDEVK8S_BUILD_TESTS=OFF \
  "-DCMAKE_CXX_FLAGS=$cflags" "-DCMAKE_C_FLAGS=$cflags" "-DCMAKE_EXE_LINKER_FLAGS=$ldflags" "${launcher[@]}" >/dev/null
cmake --build build/package -j"$(nproc)" >&2
rm -f build/package/devk8s_*.deb
(cd build/package && cpack -G DEB >&2)
deb=$(ls build/package/devk8s_*.deb)

if command -v lintian >/dev/null; then
  # Errors fail the build; warnings and notes are shown.
  lintian --fail-on error --tag-display-limit 0 "$deb" >&2 || { echo "package.sh: lintian found errors in $deb" >&2; exit 1; }
else
  echo "package.sh: lintian not found (scripts/setup.sh --deps-only installs it): the package was not checked" >&2
fi
echo "$deb"
