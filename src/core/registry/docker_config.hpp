// Registry credentials: ~/.docker/config.json (`auths` with base64 "user:password",
// `identitytoken`, `credHelpers`, `credsStore`; Docker CLI docs, "docker login" → Credential
// stores), the output of `docker-credential-<name> get` (--creds is creds_option.hpp). Pure: the adapter reads
// the file and runs the helper. Secrets never appear in an error message.
#pragma once

#include "util/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::registry {

struct Credentials {
  std::string username;
  std::string password;      ///< or the identity token when username is "<token>"
  std::string identity_token;

  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};

struct DockerConfig {
  std::map<std::string, Credentials> auths;             ///< by the key as written
  std::map<std::string, std::string> cred_helpers;      ///< registry → helper name
  std::string creds_store;                               ///< the default helper, "" if none
};

/// Decodes config.json. A malformed file is an error naming the file, never its contents.
util::Result<DockerConfig> parse_docker_config(std::string_view json, const std::string& origin);

/// The key Docker stores a registry under: "https://index.docker.io/v1/" for Docker Hub,
/// the host otherwise.
std::string config_key(const std::string& registry);

/// Where credentials for `registry` come from, in Docker's order: credHelpers[registry], then
/// inline auths, then credsStore.
struct CredentialSource {
  std::optional<Credentials> inline_credentials;
  std::string helper; ///< run `docker-credential-<helper> get` with the server URL on stdin
  std::string server_url; ///< what to send the helper
};
CredentialSource credential_source(const DockerConfig& config, const std::string& registry);

/// Decodes a helper's answer `{"ServerURL":…,"Username":…,"Secret":…}`.
util::Result<Credentials> parse_helper_output(std::string_view json, const std::string& helper);

} // namespace devk8s::core::registry
