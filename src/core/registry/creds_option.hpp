// Credentials the user gives devk8s directly: --creds, DEVK8S_REGISTRY_CREDS and --creds-file
// lines, each `USER:PASSWORD` (for the registries of the check) or `HOST=USER:PASSWORD` (for
// one). Pure; the CLI reads the file and the environment. No error ever echoes the value: any
// part of it may be a password.
#pragma once

#include "core/registry/docker_config.hpp"
#include "util/result.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::registry {

struct CredsOption {
  std::string host;   ///< the registry, normalised ("docker.io", "127.0.0.1:5000"); "" for no host
  Credentials credentials;
  std::string origin; ///< where it was given, for -v: "--creds", "DEVK8S_REGISTRY_CREDS", "creds.txt:3"
};

/// The registry a Docker config key names: "host", "host:port", "https://host[:port]",
/// "http://host", "host/v1/", "https://index.docker.io/v1/" (Docker's ConvertToHostname),
/// lower-cased, with Docker Hub's names as "docker.io". nullopt when `key` is not a registry
/// host (no dot, port or "localhost", and no scheme) or has any other path.
std::optional<std::string> registry_host(std::string_view key);

/// One value. HOST=USER:PASSWORD when the part before the first '=' is a registry host (it has
/// a scheme, a dot, a port or is "localhost"; registry_host()) and the rest is USER:PASSWORD;
/// otherwise the whole value is USER:PASSWORD and the password may hold '=' ("user:ab==").
/// Refused, as forms that name a host devk8s would not read as one: a host part with another
/// path ("https://host/path=…"), a URL ("https://user:pw@host"), USER:PASSWORD@HOST.
/// `origin` names the value in errors and in CredsOption::origin.
util::Result<CredsOption> parse_creds_option(std::string_view text, std::string_view origin = "--creds");

/// A --creds-file: one value a line as for parse_creds_option; blank lines and lines starting
/// with '#' are skipped, a trailing '\r' is dropped. Errors name `origin:LINE`, never the line.
util::Result<std::vector<CredsOption>> parse_creds_file(std::string_view text, const std::string& origin);

/// The credentials for `registry`: its own HOST= entry wins; an entry without a host applies
/// only to the registries in `unscoped_allowed` (those of the references the user named and
/// their mirror candidates).
std::optional<CredsOption> creds_for(const std::vector<CredsOption>& options, const std::string& registry,
                                     const std::set<std::string>& unscoped_allowed);

} // namespace devk8s::core::registry
