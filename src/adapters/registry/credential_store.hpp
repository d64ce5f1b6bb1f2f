// Credentials for one registry, looked up the way the Docker CLI does: --creds first, then
// config.json's credHelpers, auths, credsStore (`docker-credential-<name> get`, run through
// the ProcessRunner with the server URL on stdin). Looked up lazily, once per registry per run.
#pragma once

#include "core/registry/docker_config.hpp"
#include "ports/file_system.hpp"
#include "ports/process_runner.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::adapters {

class CredentialStore {
public:
  CredentialStore(ports::FileSystem& fs, ports::ProcessRunner& runner, std::vector<core::registry::CredsOption> creds,
                  std::string docker_config_dir);

  /// Credentials for `registry`, or nullopt for anonymous access. `problem` receives why a
  /// configured source failed (the helper missing, malformed config), never a secret.
  std::optional<core::registry::Credentials> lookup(const std::string& registry, std::string* problem = nullptr);

private:
  ports::FileSystem& m_fs;
  ports::ProcessRunner& m_runner;
  std::vector<core::registry::CredsOption> m_creds;
  std::string m_config_dir;
  std::optional<core::registry::DockerConfig> m_config;
  std::string m_config_problem;
  bool m_config_read = false;
  std::map<std::string, std::optional<core::registry::Credentials>> m_cache;
};

} // namespace devk8s::adapters
