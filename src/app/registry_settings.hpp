// How registries are asked (mirror check, resolve --verify): TLS (--ca-file,
// --insecure-registry), credentials (--creds, --creds-file, DEVK8S_REGISTRY_CREDS, Docker's
// config.json and helpers) and time limits, checked together and turned into the options of
// RegistryClient::check_manifests.
#pragma once

#include "ports/file_system.hpp"
#include "ports/registry_client.hpp"
#include "util/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

/// --retries (registry checks and downloads alike): a whole number from 0 to 10, else nullopt.
std::optional<int> parse_retries(const std::string& text);
/// The one line for a --retries value parse_retries() refuses.
std::string retries_problem(const std::string& text);

struct RegistrySettings {
  std::string ca_file;
  std::vector<std::string> insecure_registries;
  std::vector<std::string> endpoints; ///< --registry-endpoint, each REGISTRY=HOST[:PORT]
  std::vector<std::string> creds; ///< --creds, each [HOST=]USER:PASSWORD
  std::string creds_file;         ///< --creds-file; "-" for standard input
  std::string timeout = "10s";
  std::string deadline = "60s";
  std::string retries = "2"; ///< text, so a bad value gets our message, not CLI11's "could not convert"

  std::string env_creds;         ///< $DEVK8S_REGISTRY_CREDS, comma-separated
  std::string docker_config_dir; ///< $DOCKER_CONFIG, else ~/.docker; "" for none
  std::function<std::string()> read_stdin; ///< standard input's text, for --creds-file -
  std::string help_hint;         ///< the hint when no problem has its own ("run '... --help'")
};

/// What is wrong with the time flags' values, one line each: for commands that refuse them
/// without reading anything else (resolve without --verify).
std::vector<std::string> time_problems(const RegistrySettings& settings);

/// Every problem at once as one usage error; errors never echo a password. The caller fills in
/// RegistryCheckOptions::general_creds_registries.
util::Result<ports::RegistryCheckOptions> registry_check_options(ports::FileSystem& fs, const RegistrySettings& settings);

} // namespace devk8s::app
