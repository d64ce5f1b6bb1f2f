// The flags shared by every command that asks registries (mirror check, resolve --verify):
// TLS (--ca-file, --insecure-registry), credentials (--creds, --creds-file,
// DEVK8S_REGISTRY_CREDS, $DOCKER_CONFIG/config.json or ~/.docker/config.json) and time limits.
#pragma once

#include "cli/context.hpp"
#include "ports/registry_client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}

namespace devk8s::cli {

/// --retries (registry checks and downloads alike): a whole number from 0 to 10, else nullopt.
std::optional<int> parse_retries(const std::string& text);
/// The one line for a --retries value parse_retries() refuses.
std::string retries_problem(const std::string& text);

struct RegistryOptions {
  std::string ca_file;
  std::vector<std::string> insecure_registries;
  std::vector<std::string> creds;
  std::string creds_file;
  std::string timeout = "10s";
  std::string deadline = "60s";
  std::string retries = "2"; ///< text, so a bad value gets our message, not CLI11's "could not convert"

  void add_to(CLI::App& cmd);
  /// Validates the flags and reads the environment (and --creds-file, "-" for stdin); errors
  /// never echo a password. The caller fills in RegistryCheckOptions::general_creds_registries.
  util::Result<ports::RegistryCheckOptions> resolve(Context& ctx) const;
  /// The flags given on the command line ("--timeout", ...), in the order add_to() declares them.
  std::vector<std::string> given() const;
  /// What is wrong with the time flags' values, one line each: for commands that refuse them
  /// without reading anything else (resolve without --verify).
  std::vector<std::string> time_problems() const;

private:
  std::vector<CLI::Option*> m_flags;
  std::string m_command; ///< "devk8s mirror resolve": where the help for these flags is
};

} // namespace devk8s::cli
