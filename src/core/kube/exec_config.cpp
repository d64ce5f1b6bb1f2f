#include "core/kube/exec_config.hpp"

#include "core/yaml/json_of.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::kube {

namespace {

std::string text_of(const YAML::Node& map, const char* key)
{
  const YAML::Node value = map[key];
  return value && value.IsScalar() ? value.as<std::string>() : std::string();
}

// client-go's api/v1 ExecEnvVar list: [{name, value}].
util::Result<std::vector<std::pair<std::string, std::string>>> exec_env(const YAML::Node& list, const std::string& where,
                                                                        const std::string& hint)
{
  std::vector<std::pair<std::string, std::string>> env;
  if (!list || list.IsNull()) {
    return env;
  }
  if (!list.IsSequence()) {
    return util::failure(where + ".env is not a list of {name, value}", hint);
  }
  for (const auto& item : list) {
    const std::string name = item.IsMap() ? text_of(item, "name") : "";
    // clientcmd/validation.go: "env variable name must be specified for %v to use exec authentication plugin"
    if (name.empty()) {
      return util::failure(where + ".env has an entry without a name", hint);
    }
    env.emplace_back(name, text_of(item, "value"));
  }
  return env;
}


} // namespace

util::Result<ExecConfig> read_exec_config(const YAML::Node& exec, const std::string& at, const std::string& dir,
                                          const std::string& hint)
{
  ExecConfig config;
  if (!exec.IsMap()) {
    return util::failure(at + " is not a mapping", hint);
  }
  // clientcmd.GetAuthInfoFileReferences: only a command with a path separator is a file
  // reference, resolved against the kubeconfig's directory; a bare name is looked up on PATH.
  config.command = text_of(exec, "command");
  if (config.command.find('/') != std::string::npos && config.command.front() != '/') {
    config.command = dir + "/" + config.command;
  }
  config.api_version = text_of(exec, "apiVersion");
  config.install_hint = text_of(exec, "installHint");
  config.provide_cluster_info = text_of(exec, "provideClusterInfo") == "true";
  config.interactive_mode = text_of(exec, "interactiveMode");
  if (const YAML::Node args = exec["args"]; args && args.IsSequence()) {
    for (const auto& arg : args) {
      config.args.push_back(arg.IsScalar() ? arg.as<std::string>() : std::string());
    }
  }
  DEVK8S_TRY(config.env, exec_env(exec["env"], at, hint));
  // The checks of clientcmd/validation.go validateAuthInfo and exec.go newAuthenticator, with
  // their reasons: kubectl refuses the same files.
  if (config.command.empty()) {
    return util::failure(at + " has no command", hint);
  }
  const bool v1beta1 = config.api_version == "client.authentication.k8s.io/v1beta1";
  if (!v1beta1 && config.api_version != "client.authentication.k8s.io/v1") {
    // v1alpha1 went in client-go 1.24; kubectl then says `exec plugin: invalid apiVersion`.
    return util::failure(at + ".apiVersion is " + (config.api_version.empty() ? "missing" : util::quoted(config.api_version)) +
                             " (devk8s, like kubectl, reads client.authentication.k8s.io/v1beta1 or /v1)",
                         hint);
  }
  if (config.interactive_mode.empty() && v1beta1) {
    config.interactive_mode = "IfAvailable"; // api/v1 SetDefaults_ExecConfig, for v1beta1 only
  }
  if (config.interactive_mode != "Never" && config.interactive_mode != "IfAvailable" &&
      config.interactive_mode != "Always") {
    return util::failure(at + ".interactiveMode is " +
                             (config.interactive_mode.empty() ? "missing (client.authentication.k8s.io/v1 requires it)"
                                                              : util::quoted(config.interactive_mode)) +
                             ": one of Never, IfAvailable, Always",
                         hint);
  }
  return config;
}

// The cluster's per-cluster exec configuration (client.authentication.k8s.io/exec extension),
// which client-go hands the plugin as spec.cluster.config.
std::string exec_extension(const YAML::Node& cluster)
{
  const YAML::Node extensions = cluster["extensions"];
  if (!extensions || !extensions.IsSequence()) {
    return {};
  }
  for (const auto& item : extensions) {
    if (item.IsMap() && text_of(item, "name") == "client.authentication.k8s.io/exec" && item["extension"]) {
      // Replacing what is not UTF-8 as client-go's encoding/json does; dump() would throw.
      return yaml::json_of(item["extension"]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  return {};
}

} // namespace devk8s::core::kube
