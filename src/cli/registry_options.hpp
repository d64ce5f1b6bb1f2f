// The flags shared by every command that asks registries (mirror check, resolve --verify):
// TLS (--ca-file, --insecure-registry), credentials (--creds, DEVK8S_REGISTRY_CREDS,
// $DOCKER_CONFIG/config.json or ~/.docker/config.json) and time limits.
#pragma once

#include "cli/context.hpp"
#include "ports/registry_client.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace devk8s::cli {

struct RegistryOptions {
  std::string ca_file;
  std::vector<std::string> insecure_registries;
  std::vector<std::string> creds;
  std::string timeout = "10s";
  std::string deadline = "60s";
  int retries = 2;

  void add_to(CLI::App& cmd);
  /// Validates the flags and reads the environment; errors never echo a password.
  util::Result<ports::RegistryCheckOptions> resolve(Context& ctx) const;
};

} // namespace devk8s::cli
