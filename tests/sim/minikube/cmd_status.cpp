// `minikube status [-o json]`, `minikube profile list -o json` and `minikube node list`, shaped as
// ../shared/reference/minikube.md §5 gives them (cmd/minikube/cmd/status.go, profile_list.go;
// ClusterConfig field names from pkg/minikube/config/types.go at v1.20; node_list.go prints
// "<machine>\t<IP>" a line). Status exit code bits:
// 1 host, 2 kubelet/apiserver, 4 kubeconfig.
#include "commands.hpp"

#include <ostream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

json cluster_config(const json& p, const json& addons)
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
          {"Nodes", json::array({{{"Name", ""}, {"IP", "192.168.49.2"}, {"Port", 8443},
                                  {"KubernetesVersion", p["kubernetes_version"]}, {"ControlPlane", true},
                                  {"Worker", true}}})},
          {"Addons", enabled}, {"VerifyComponents", {{"apiserver", true}, {"system_pods", true}}},
          {"StartHostTimeout", 360000000000}, {"ScheduledStop", nullptr}, {"ExposedPorts", json::array()},
          {"Network", ""}, {"MultiNodeRequested", false}};
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
  if (inv.get("output") == "json") {
    ctx.out << json{{"Name", "minikube"}, {"Host", p["host"]}, {"Kubelet", p["kubelet"]},
                    {"APIServer", p["apiserver"]}, {"Kubeconfig", p["kubeconfig"]}, {"Worker", false}}
                   .dump()
            << "\n";
  } else {
    ctx.out << "minikube\ntype: Control Plane\nhost: " << p["host"].get<std::string>()
            << "\nkubelet: " << p["kubelet"].get<std::string>() << "\napiserver: " << p["apiserver"].get<std::string>()
            << "\nkubeconfig: " << p["kubeconfig"].get<std::string>() << "\n\n";
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
                     {"Config", cluster_config(p, ctx.state.doc().value("addons", json::object()))}});
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
          << valid[0]["Status"].get<std::string>() << " |     1 |\n"
          << "|----------|-----------|---------|--------------|------|---------|---------|-------|\n";
  return 0;
}

int cmd_node_list(const Invocation&, Context& ctx)
{
  // The simulation has one node: the control plane, whose machine is the profile's.
  if (ctx.state.doc()["minikube"].value("profile", json()).is_null()) {
    return profile_not_found(ctx);
  }
  ctx.out << "minikube\t192.168.49.2\n";
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
  state["node"]["images"] = json::array();
  for (auto& [resource, items] : state["cluster"].items()) {
    items = json::array();
  }
  state["sim"] = json::object();
  ctx.state.save();
  return 0;
}

} // namespace devk8s::sim
