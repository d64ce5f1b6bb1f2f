#include "adapters/registry/credential_store.hpp"

#include <chrono>

namespace devk8s::adapters {

CredentialStore::CredentialStore(ports::FileSystem& fs, ports::ProcessRunner& runner,
                                 std::vector<core::registry::CredsOption> creds, std::set<std::string> general_registries,
                                 std::string docker_config_dir)
    : m_fs(fs), m_runner(runner), m_creds(std::move(creds)), m_general_registries(std::move(general_registries)),
      m_config_dir(std::move(docker_config_dir))
{
}

std::optional<FoundCredentials> CredentialStore::lookup(const std::string& registry, std::string* problem)
{
  if (auto given = core::registry::creds_for(m_creds, registry, m_general_registries)) {
    return FoundCredentials{given->credentials, given->origin};
  }
  if (const auto it = m_cache.find(registry); it != m_cache.end()) {
    return it->second;
  }
  if (!m_config_read) {
    m_config_read = true;
    const std::string path = m_config_dir + "/config.json";
    if (!m_config_dir.empty() && m_fs.kind(path) == ports::FileKind::regular) {
      auto text = m_fs.read_file(path);
      auto config = text ? core::registry::parse_docker_config(*text, path) : util::Result<core::registry::DockerConfig>(text.error());
      if (config) {
        m_config = std::move(*config);
      } else {
        m_config_problem = config.error().message;
      }
    }
  }
  std::optional<FoundCredentials> found;
  if (!m_config) {
    if (problem != nullptr && !m_config_problem.empty()) {
      *problem = m_config_problem;
    }
    m_cache[registry] = found;
    return found;
  }
  const auto source = core::registry::credential_source(*m_config, registry);
  if (source.inline_credentials) {
    found = FoundCredentials{*source.inline_credentials, m_config_dir + "/config.json"};
  } else if (!source.helper.empty()) {
    ports::Command command;
    command.argv = {"docker-credential-" + source.helper, "get"};
    command.stdin_data = source.server_url;
    command.timeout = std::chrono::seconds(20);
    auto result = m_runner.run(command);
    if (!result) {
      if (problem != nullptr) {
        *problem = "credential helper docker-credential-" + source.helper + ": " + result.error().message;
      }
    } else if (result->exit_code != 0) {
      // "credentials not found in native keychain" is a normal answer: anonymous access.
      if (problem != nullptr && result->out.find("credentials not found") == std::string::npos) {
        *problem = "docker-credential-" + source.helper + " get exited with " + std::to_string(result->exit_code);
      }
    } else if (auto parsed = core::registry::parse_helper_output(result->out, source.helper)) {
      found = FoundCredentials{*parsed, "docker-credential-" + source.helper};
    } else if (problem != nullptr) {
      *problem = parsed.error().message;
    }
  }
  m_cache[registry] = found;
  return found;
}

} // namespace devk8s::adapters
