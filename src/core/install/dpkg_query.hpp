// Which Debian package owns a file, asked the supported way: `dpkg-query --search PATH`, read
// here. The answer's shape is dpkg 1.21's (src/query/main.c, searchoutput), checked against
// Debian 12's dpkg-query 1.21.22:
//   kubectl: /usr/bin/kubectl                        a file one package ships
//   libc6:amd64, libc6-dbg:amd64: /usr/lib/debug     a path several share (Multi-Arch adds :ARCH)
//   diversion by dash from: /bin/sh                  dpkg-divert's records, before the owner line
//   diversion by dash to: /bin/sh.distrib
// and, on standard error with exit status 1, "dpkg-query: no path found matching pattern PATH".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::install {

/// The argument that makes dpkg-query look for `path` itself. dpkg-query reads an argument with
/// '*', '?', '[' or '\' in it as a glob (fnmatch) and one not starting with '/' as "*ARG*", so
/// those four are escaped with '\' (fnmatch's escape); `path` is absolute.
std::string dpkg_search_argument(std::string_view path);

/// The packages (without ":ARCH") that `dpkg-query --search` output names as owning exactly
/// `path`; empty when no line is about it (a glob's other matches and diversions are skipped).
std::vector<std::string> dpkg_search_owners(std::string_view output, std::string_view path);

} // namespace devk8s::core::install
