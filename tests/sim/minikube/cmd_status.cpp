// `minikube status [-o json]` and `minikube profile list -o json`, shaped as
// ../shared/reference/minikube.md §5 gives them (cmd/minikube/cmd/status.go, profile_list.go;
// ClusterConfig field names from pkg/minikube/config/types.go at v1.20). Status exit code bits:
// 1 host, 2 kubelet/apiserver, 4 kubeconfig.
#include "commands.hpp"

#include "sim_nodes.hpp"

#include <ostream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

/// Config.Nodes: the control plane's config name is "" and its Port the API server's; a worker
/// is "m02"... with Port 0 (node.Add leaves it unset), as profile list -o json shows them.
json config_nodes(const json& state, const json& p)
{
  json nodes = json::array();
  const auto names = machine_names(state);
  for (size_t i = 0; i < std::max<size_t>(names.size(), 1); ++i) {
    const bool cp = i == 0;
    nodes.push_back({{"Name", cp ? "" : names[i].substr(names[i].rfind('-') + 1)},
                     {"IP", "192.168.49." + std::to_string(2 + i)}, {"Port", cp ? 8443 : 0},
                     {"KubernetesVersion", p["kubernetes_version"]}, {"ControlPlane", cp}, {"Worker", true}});
  }
  return nodes;
}

json cluster_config(const json& state, const json& p, const json& addons)
{
  json enabled = json::object();
  for (const auto& [name, spec] : addons.items()) {
    enabled[name] = spec.value("enabled", false);
  }
  json extra = json::array();
  for (const auto& e : p.value("extra_config", json::array())) {
    const auto s = e.get<std::string>();
    const auto dot = s.find('.');
    const auto eq = s.find('=');
    extra.push_back({{"Component", s.substr(0, dot)}, {"Key", s.substr(dot + 1, eq - dot - 1)}, {"Value", s.substr(eq + 1)}});
  }
  return {{"Name", "minikube"}, {"KeepContext", false}, {"EmbedCerts", false}, {"MinikubeISO", ""},
          {"KicBaseImage", "gcr.io/k8s-minikube/kicbase:v0.0.22"}, {"Memory", p["memory_mb"]}, {"CPUs", p["cpus"]},
          {"DiskSize", 20000}, {"VMDriver", ""}, {"Driver", p["driver"]}, {"HyperkitVpnKitSock", ""},
          {"HyperkitVSockPorts", json::array()}, {"DockerEnv", nullptr}, {"ContainerVolumeMounts", nullptr},
          {"InsecureRegistry", nullptr}, {"RegistryMirror", json::array()}, {"HostOnlyCIDR", "192.168.99.1/24"},
          {"HypervVirtualSwitch", ""}, {"HypervUseExternalSwitch", false}, {"HypervExternalAdapter", ""},
          {"KVMNetwork", "default"}, {"KVMQemuURI", "qemu:///system"}, {"KVMGPU", false}, {"KVMHidden", false},
          {"DockerOpt", nullptr}, {"DisableDriverMounts", false}, {"NFSShare", json::array()},
          {"NFSSharesRoot", "/nfsshares"}, {"UUID", ""}, {"NoVTXCheck", false}, {"DNSProxy", false},
          {"HostDNSResolver", true}, {"HostOnlyNicType", "virtio"}, {"NatNicType", "virtio"},
          {"GenericIPAddress", ""}, {"GenericSSHUser", ""}, {"GenericSSHKey", ""}, {"GenericSSHPort", 0},
          {"KubernetesConfig",
           {{"KubernetesVersion", p["kubernetes_version"]}, {"ClusterName", "minikube"}, {"Namespace", "default"},
            {"APIServerName", "minikubeCA"}, {"APIServerNames", nullptr}, {"APIServerIPs", nullptr},
            {"DNSDomain", "cluster.local"}, {"ContainerRuntime", p["container_runtime"]}, {"CRISocket", ""},
            {"NetworkPlugin", ""}, {"FeatureGates", ""}, {"ServiceCIDR", "10.96.0.0/12"},
            {"ImageRepository", p["image_repository"]}, {"LoadBalancerStartIP", ""}, {"LoadBalancerEndIP", ""},
            {"CustomIngressCert", ""}, {"ExtraOptions", extra}, {"ShouldLoadCachedImages", true},
            {"EnableDefaultCNI", false}, {"CNI", ""}, {"NodeIP", ""}, {"NodePort", 8443}, {"NodeName", ""}}},
          {"Nodes", config_nodes(state, p)},
          {"Addons", enabled}, {"VerifyComponents", {{"apiserver", true}, {"system_pods", true}}},
          {"StartHostTimeout", 360000000000}, {"ScheduledStop", nullptr}, {"ExposedPorts", json::array()},
          {"Network", ""}, {"MultiNodeRequested", p.value("nodes", 1) > 1}};
}

} // namespace

int profile_not_found(Context& ctx)
{
  ctx.out << "* Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.\n"
          << "* To start a cluster, run: \"minikube start\"\n";
  return k_ex_guest_not_found;
}

int cmd_status(const Invocation& inv, Context& ctx)
{
  const json& p = ctx.state.doc()["minikube"].value("profile", json());
  if (p.is_null()) {
    return profile_not_found(ctx);
  }
  if (inv.has("output") && inv.has("format")) {
    ctx.err << "\nX Exiting due to MK_USAGE: Cannot use both --output and --format options\n\n";
    return k_ex_program_usage;
  }
  int code = 0;
  code |= p["host"] != "Running" ? 1 : 0;
  code |= (p["kubelet"] != "Running" || p["apiserver"] != "Running") ? 2 : 0;
  code |= p["kubeconfig"] != "Configured" ? 4 : 0;
  // status.go (v1.20.0): a worker's APIServer and Kubeconfig are "Irrelevant"; one node prints
  // an object, several an array (statusJSON keeps single-node output backwards compatible).
  const auto names = machine_names(ctx.state.doc());
  json all = json::array();
  for (size_t i = 0; i < std::max<size_t>(names.size(), 1); ++i) {
    const bool worker = i > 0;
    all.push_back({{"Name", worker ? names[i] : "minikube"}, {"Host", p["host"]}, {"Kubelet", p["kubelet"]},
                   {"APIServer", worker ? json("Irrelevant") : p["apiserver"]},
                   {"Kubeconfig", worker ? json("Irrelevant") : p["kubeconfig"]}, {"Worker", worker}});
  }
  if (inv.get("output") == "json") {
    ctx.out << (all.size() == 1 ? all[0] : all).dump() << "\n";
    return code;
  }
  for (const auto& st : all) {
    if (!st["Worker"].get<bool>()) {
      ctx.out << "minikube\ntype: Control Plane\nhost: " << p["host"].get<std::string>()
              << "\nkubelet: " << p["kubelet"].get<std::string>() << "\napiserver: " << p["apiserver"].get<std::string>()
              << "\nkubeconfig: " << p["kubeconfig"].get<std::string>() << "\n\n";
    } else {
      ctx.out << st["Name"].get<std::string>() << "\ntype: Worker\nhost: " << st["Host"].get<std::string>()
              << "\nkubelet: " << st["Kubelet"].get<std::string>() << "\n\n";
    }
  }
  return code;
}

int cmd_profile_list(const Invocation& inv, Context& ctx)
{
  const json& p = ctx.state.doc()["minikube"].value("profile", json());
  json valid = json::array();
  if (!p.is_null()) {
    valid.push_back({{"Name", "minikube"},
                     {"Status", inv.flag("light") ? "Skipped" : (p["apiserver"] == "Running" ? "Running" : "Stopped")},
                     {"Config", cluster_config(ctx.state.doc(), p, ctx.state.doc().value("addons", json::object()))}});
  }
  if (inv.get("output") == "json") {
    ctx.out << json{{"invalid", json::array()}, {"valid", valid}}.dump() << "\n";
    return 0;
  }
  if (valid.empty()) {
    ctx.err << "\nX Exiting due to MK_USAGE: No minikube profile was found. You can create one using `minikube start`.\n\n";
    return k_ex_program_usage;
  }
  ctx.out << "|----------|-----------|---------|--------------|------|---------|---------|-------|\n"
          << "| Profile  | VM Driver | Runtime |      IP      | Port | Version | Status  | Nodes |\n"
          << "|----------|-----------|---------|--------------|------|---------|---------|-------|\n"
          << "| minikube | " << p["driver"].get<std::string>() << "    | " << p["container_runtime"].get<std::string>()
          << "  | 192.168.49.2 | 8443 | " << p["kubernetes_version"].get<std::string>() << " | "
          << valid[0]["Status"].get<std::string>() << " |     " << valid[0]["Config"]["Nodes"].size() << " |\n"
          << "|----------|-----------|---------|--------------|------|---------|---------|-------|\n";
  return 0;
}

int cmd_node_list(const Invocation& inv, Context& ctx)
{
  // cmd/minikube/cmd/node_list.go (v1.20.0): "<machine name>\t<IP>" per node; mustload.Partial
  // exits like the other commands for a missing profile.
  if (inv.words.size() > 2) {
    ctx.err << "\nX Exiting due to MK_USAGE: Usage: minikube node list\n\n";
    return k_ex_program_usage;
  }
  const json& state = ctx.state.doc();
  if (state["minikube"].value("profile", json()).is_null()) {
    return profile_not_found(ctx);
  }
  for (const auto& n : state.value("nodes", json::array())) {
    ctx.out << n.value("name", "") << "\t" << n.value("ip", "") << "\n";
  }
  return 0;
}

int cmd_version(const Invocation& inv, Context& ctx)
{
  if (inv.get("output") == "json") {
    ctx.out << json{{"commit", ctx.profile.commit}, {"minikubeVersion", ctx.profile.version}}.dump() << "\n";
  } else if (inv.flag("short")) {
    ctx.out << ctx.profile.version << "\n";
  } else {
    ctx.out << "minikube version: " << ctx.profile.version << "\ncommit: " << ctx.profile.commit << "\n";
  }
  return 0;
}

int cmd_delete(const Invocation&, Context& ctx)
{
  json& state = ctx.state.doc();
  if (state["minikube"].value("profile", json()).is_null()) {
    ctx.out << "* Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.\n";
    return 0;
  }
  ctx.out << "* Deleting \"minikube\" in " << state["minikube"]["profile"]["driver"].get<std::string>() << " ...\n"
          << "* Deleting container \"minikube\" ...\n"
          << "* Removing /root/.minikube/machines/minikube ...\n"
          << "* Removed all traces of the \"minikube\" cluster.\n";
  state["minikube"]["profile"] = nullptr;
  state["addons"] = json::object();
  state["nodes"] = json::array();
  for (auto& [resource, items] : state["cluster"].items()) {
    items = json::array();
  }
  state["sim"] = json::object();
  ctx.state.save();
  return 0;
}

} // namespace devk8s::sim
