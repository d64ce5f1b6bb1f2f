#include "core/minikube/profile_list.hpp"

#include "core/minikube/json_fields.hpp"

namespace devk8s::core::minikube {

namespace {

using nlohmann::json;
namespace jf = json_fields;

util::Result<std::map<std::string, std::string>> string_map(const json& obj, const char* key, const std::string& what)
{
  std::map<std::string, std::string> out;
  if (!obj.contains(key) || obj[key].is_null()) {
    return out;
  }
  if (!obj[key].is_object()) {
    return jf::wrong_type(what, key, obj[key], "an object");
  }
  for (const auto& [name, value] : obj[key].items()) {
    if (!value.is_string()) {
      return jf::wrong_type(what + " " + key, name, value, "a string");
    }
    out[name] = value.get<std::string>();
  }
  return out;
}

util::Result<ProfileNode> parse_node(const json& node, const std::string& what)
{
  if (!node.is_object()) {
    return util::failure(what + " has a node that is " + node.type_name() + ", not an object");
  }
  ProfileNode out;
  DEVK8S_TRY(out.name, jf::string_at(node, "Name", what + " node", false));
  DEVK8S_TRY(out.ip, jf::string_at(node, "IP", what + " node", false));
  DEVK8S_TRY(out.kubernetes_version, jf::string_at(node, "KubernetesVersion", what + " node", false));
  DEVK8S_TRY(out.control_plane, jf::bool_at(node, "ControlPlane", what + " node"));
  DEVK8S_TRY(out.worker, jf::bool_at(node, "Worker", what + " node"));
  return out;
}

util::Result<Profile> parse_profile(const json& entry)
{
  const std::string what = "minikube profile list -o json profile";
  if (!entry.is_object()) {
    return util::failure(what + " is " + std::string(entry.type_name()) + ", not an object");
  }
  Profile p;
  DEVK8S_TRY(p.name, jf::string_at(entry, "Name", what));
  const std::string in = what + " " + p.name;
  DEVK8S_TRY(p.status, jf::string_at(entry, "Status", in, false));
  if (!entry.contains("Config") || !entry["Config"].is_object()) {
    return util::failure(in + " has no \"Config\" object");
  }
  const json& config = entry["Config"];
  if (!config.contains("KubernetesConfig") || !config["KubernetesConfig"].is_object()) {
    return util::failure(in + " has no \"Config.KubernetesConfig\" object");
  }
  const json& kube = config["KubernetesConfig"];
  DEVK8S_TRY(p.image_repository, jf::string_at(kube, "ImageRepository", in, false));
  DEVK8S_TRY(const auto runtime, jf::string_at(kube, "ContainerRuntime", in, false));
  // An empty runtime is minikube's default, docker (start_flags.go).
  DEVK8S_TRY(p.container_runtime, parse_container_runtime(runtime.empty() ? "docker" : runtime));
  DEVK8S_TRY(const auto version, jf::string_at(kube, "KubernetesVersion", in));
  DEVK8S_TRY(p.kubernetes_version, Version::parse(version));
  if (config.contains("Nodes") && !config["Nodes"].is_null()) {
    if (!config["Nodes"].is_array()) {
      return jf::wrong_type(in, "Nodes", config["Nodes"], "an array");
    }
    for (const auto& node : config["Nodes"]) {
      DEVK8S_TRY(auto parsed, parse_node(node, in));
      p.nodes.push_back(std::move(parsed));
    }
  }
  if (config.contains("Addons") && !config["Addons"].is_null()) {
    if (!config["Addons"].is_object()) {
      return jf::wrong_type(in, "Addons", config["Addons"], "an object");
    }
    for (const auto& [name, on] : config["Addons"].items()) {
      if (!on.is_boolean()) {
        return jf::wrong_type(in + " Addons", name, on, "a boolean");
      }
      p.addons[name] = on.get<bool>();
    }
  }
  DEVK8S_TRY(p.custom_addon_images, string_map(config, "CustomAddonImages", in));
  DEVK8S_TRY(p.custom_addon_registries, string_map(config, "CustomAddonRegistries", in));
  return p;
}

} // namespace

util::Result<ProfileList> parse_profile_list_json(std::string_view text)
{
  const std::string what = "minikube profile list -o json";
  DEVK8S_TRY(const auto j, jf::parse(text, what));
  if (!j.is_object()) {
    return util::failure(what + " is " + std::string(j.type_name()) + ", not an object");
  }
  ProfileList out;
  for (const char* key : {"valid", "invalid"}) {
    if (!j.contains(key) || j[key].is_null()) {
      continue; // profilesOrDefault prints [] but older releases may print null
    }
    if (!j[key].is_array()) {
      return jf::wrong_type(what, key, j[key], "an array");
    }
  }
  if (j.contains("valid") && j["valid"].is_array()) {
    for (const auto& entry : j["valid"]) {
      DEVK8S_TRY(auto profile, parse_profile(entry));
      out.valid.push_back(std::move(profile));
    }
  }
  if (j.contains("invalid") && j["invalid"].is_array()) {
    for (const auto& entry : j["invalid"]) {
      DEVK8S_TRY(auto name, jf::string_at(entry, "Name", what + " invalid profile"));
      out.invalid.push_back(std::move(name));
    }
  }
  return out;
}

} // namespace devk8s::core::minikube
