// Credentials for one registry, looked up the way the Docker CLI does: --creds first (an entry
// without a host only for the registries the user named), then config.json's credHelpers,
// auths, credsStore (`docker-credential-<name> get`, run through the ProcessRunner with the
// server URL on stdin). Looked up lazily, once per registry per run.
#pragma once

#include "core/registry/creds_option.hpp"
#include "core/registry/docker_config.hpp"
#include "ports/file_system.hpp"
#include "ports/process_runner.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace devk8s::adapters {

/// Credentials and where they came from, for -v: a CredsOption's origin ("--creds"), the
/// config file, or "docker-credential-<name>". Never the secret.
struct FoundCredentials {
  core::registry::Credentials credentials;
  std::string source;
};

class CredentialStore {
public:
  /// `general_registries`: where an entry of `creds` without a host may go.
  CredentialStore(ports::FileSystem& fs, ports::ProcessRunner& runner, std::vector<core::registry::CredsOption> creds,
                  std::set<std::string> general_registries, std::string docker_config_dir);

  /// Credentials for `registry`, or nullopt for anonymous access. `problem` receives why a
  /// configured source failed (the helper missing, malformed config), never a secret.
  std::optional<FoundCredentials> lookup(const std::string& registry, std::string* problem = nullptr);

private:
  ports::FileSystem& m_fs;
  ports::ProcessRunner& m_runner;
  std::vector<core::registry::CredsOption> m_creds;
  std::set<std::string> m_general_registries;
  std::string m_config_dir;
  std::optional<core::registry::DockerConfig> m_config;
  std::string m_config_problem;
  bool m_config_read = false;
  std::map<std::string, std::optional<FoundCredentials>> m_cache;
};

} // namespace devk8s::adapters
