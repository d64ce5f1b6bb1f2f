#include "core/registry/docker_config.hpp"

#include "util/base64.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::registry {

namespace {


std::string string_field(const nlohmann::json& j, const char* name)
{
  const auto it = j.find(name);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// "https://host/v1/" and "host" name the same registry in config.json (Docker's
// ConvertToHostname in cli/config/credentials).
std::string hostname_of(std::string key)
{
  for (const char* scheme : {"https://", "http://"}) {
    if (key.rfind(scheme, 0) == 0) {
      key = key.substr(std::string_view(scheme).size());
    }
  }
  return key.substr(0, key.find('/'));
}

} // namespace


util::Result<DockerConfig> parse_docker_config(std::string_view json, const std::string& origin)
{
  const auto parsed = util::parse_json(json);
  if (!parsed || !parsed->is_object()) {
    return util::failure(origin + ":" + (parsed ? std::string(" not a JSON object") : parsed.error().message),
                         "fix or move the file; 'docker login' rewrites it");
  }
  const nlohmann::json& j = *parsed;
  DockerConfig config;
  if (const auto it = j.find("auths"); it != j.end() && it->is_object()) {
    for (const auto& [key, entry] : it->items()) {
      if (!entry.is_object()) {
        continue;
      }
      Credentials c;
      c.username = string_field(entry, "username");
      c.password = string_field(entry, "password");
      c.identity_token = string_field(entry, "identitytoken");
      if (const std::string auth = string_field(entry, "auth"); !auth.empty()) {
        const auto decoded = util::base64_decode(auth);
        const auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) {
          return util::failure(origin + ": auths." + util::quoted(key) + ".auth is not base64 of user:password",
                               "run 'docker login " + hostname_of(key) + "' again");
        }
        c.username = decoded->substr(0, colon);
        c.password = decoded->substr(colon + 1);
      }
      if (!c.empty()) {
        config.auths[key] = c;
      }
    }
  }
  if (const auto it = j.find("credHelpers"); it != j.end() && it->is_object()) {
    for (const auto& [key, value] : it->items()) {
      if (value.is_string()) {
        config.cred_helpers[key] = value.get<std::string>();
      }
    }
  }
  config.creds_store = string_field(j, "credsStore");
  return config;
}

std::string config_key(const std::string& registry)
{
  if (registry == "docker.io" || registry == "index.docker.io" || registry == "registry-1.docker.io") {
    return "https://index.docker.io/v1/";
  }
  return registry;
}

CredentialSource credential_source(const DockerConfig& config, const std::string& registry)
{
  CredentialSource source;
  const std::string key = config_key(registry);
  source.server_url = key;
  if (const auto it = config.cred_helpers.find(key); it != config.cred_helpers.end()) {
    source.helper = it->second;
    return source;
  }
  if (const auto it = config.cred_helpers.find(registry); it != config.cred_helpers.end()) {
    source.helper = it->second;
    source.server_url = registry;
    return source;
  }
  for (const auto& [k, credentials] : config.auths) {
    if (k == key || hostname_of(k) == hostname_of(key)) {
      source.inline_credentials = credentials;
      return source;
    }
  }
  source.helper = config.creds_store;
  return source;
}

util::Result<Credentials> parse_helper_output(std::string_view json, const std::string& helper)
{
  const auto parsed = util::parse_json(json);
  if (!parsed || !parsed->is_object()) {
    return util::failure("docker-credential-" + helper + " get: answer is not a JSON object" +
                             (parsed ? std::string() : ": " + parsed.error().message),
                         "run 'docker login' for this registry again");
  }
  const nlohmann::json& j = *parsed;
  Credentials c;
  c.username = string_field(j, "Username");
  c.password = string_field(j, "Secret");
  if (c.username == "<token>") {
    c.identity_token = c.password; // how helpers hand back an identity token (docker-credential-helpers)
    c.username.clear();
    c.password.clear();
  }
  return c;
}

} // namespace devk8s::core::registry
