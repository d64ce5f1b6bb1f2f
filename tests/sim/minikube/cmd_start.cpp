// `minikube start`: the validations of cmd/minikube/cmd/start.go and start_flags.go
// (../shared/reference/minikube.md §4) with minikube's own texts, then the profile, addons and
// control-plane images written to the shared state. The output is the seed's
// (seed-case.md "minikube start"), in minikube's non-terminal form. Not simulated: the kicbase
// download, the control-plane image pulls (their images are put in the node store, as a
// preload or kubeadm's pulls would leave them) and the kubeconfig (the API server writes it).
#include "commands.hpp"

#include "image_name.hpp"
#include "image_store.hpp"
#include "sim_nodes.hpp"

#include "util/sha256.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>
#include <ostream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

constexpr int k_min_usable_mem = 1800;
constexpr int k_min_recommended_mem = 1900;
constexpr int k_minimum_cpus = 2;

/// units.RAMInBytes as minikube reads --memory ("1024mb", "2g", "2048"): binary units, in MB.
long memory_mb(const std::string& text)
{
  size_t used = 0;
  const double n = std::stod(text, &used);
  std::string unit = text.substr(used);
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (unit.empty() || unit[0] == 'm') {
    return static_cast<long>(n);
  }
  if (unit[0] == 'g') {
    return static_cast<long>(n * 1024);
  }
  if (unit[0] == 'k') {
    return static_cast<long>(n / 1024);
  }
  throw std::invalid_argument("invalid memory value: " + text);
}

/// Exits like exitIfNotForced: with --force the error is printed and start goes on.
bool refuse(Context& ctx, bool force, const std::string& id, const std::string& message)
{
  if (force) {
    ctx.err << "! " << message << "\n";
    return false;
  }
  ctx.err << "\nX Exiting due to " << id << ": " << message << "\n\n";
  return true;
}

/// cruntime Name() and Version() as start's "Preparing Kubernetes ... on X ..." shows them, for
/// the runtimes kicbase v0.0.22 ships (Docker 20.10.6, containerd.io 1.4.4, cri-o 1.20).
std::string runtime_words(const std::string& runtime)
{
  if (runtime == "containerd") {
    return "containerd 1.4.4";
  }
  if (runtime == "crio") {
    return "CRI-O 1.20.2";
  }
  return "Docker 20.10.6";
}

std::vector<std::string> control_plane_images(const std::string& repo)
{
  const std::string r = repo.empty() ? "k8s.gcr.io" : repo;
  return {r + "/kube-apiserver:v1.20.2", r + "/kube-controller-manager:v1.20.2", r + "/kube-scheduler:v1.20.2",
          r + "/kube-proxy:v1.20.2",     r + "/pause:3.2",                       r + "/etcd:3.4.13-0",
          r + "/coredns:1.7.0"};
}

} // namespace

int cmd_start(const Invocation& inv, Context& ctx)
{
  json& state = ctx.state.doc();
  const json host = state["minikube"].value("host", json{{"cpus", 2}, {"memory_mb", 8000}, {"os", "Debian 12"}, {"root", false}});
  const bool force = inv.flag("force");
  const long host_mem = host.value("memory_mb", 8000L);
  const long host_cpus = host.value("cpus", 2L);

  ctx.out << "* minikube " << ctx.profile.version << " on " << host.value("os", "Debian 12") << " (amd64)\n";
  if (force) {
    ctx.err << "! minikube skips various validations when --force is supplied; this may lead to unexpected behavior\n";
  }
  const std::string driver = inv.get("driver", "docker");
  // An existing cluster keeps its nodes; --nodes then only warns (startWithDriver, v1.20.0).
  const bool existing = state.contains("nodes") && !state["nodes"].empty();
  const long node_count = existing ? static_cast<long>(state["nodes"].size()) : std::stol(inv.get("nodes", "1"));
  std::string runtime = inv.get("container-runtime", "docker");
  if (runtime == "cri-o") {
    runtime = "crio";
  }
  if (runtime != "docker" && runtime != "containerd" && runtime != "crio") {
    // cmd/minikube/cmd/start.go validateFlags (v1.20.0): cruntime.ValidRuntimes.
    ctx.err << "\nX Exiting due to MK_USAGE: Invalid Container Runtime: \"" << runtime
            << "\". Valid runtimes are: docker, cri-o, containerd\n\n";
    return k_ex_program_usage;
  }
  if (!inv.has("driver")) {
    ctx.out << "* Automatically selected the docker driver. Other choices: ssh, none\n";
  } else {
    ctx.out << "* Using the " << driver << " driver based on user configuration\n";
  }

  const long cpus = std::stol(inv.get("cpus", "2"));
  if (cpus < k_minimum_cpus &&
      refuse(ctx, force, "RSRC_INSUFFICIENT_CORES",
             "Requested cpu count " + std::to_string(cpus) + " is less than the minimum allowed of 2")) {
    return k_ex_insufficient_cores;
  }
  if (host_cpus < k_minimum_cpus &&
      // v1.20.0 leaves the driver name out of this message (seed-case.md).
      refuse(ctx, force, "RSRC_INSUFFICIENT_CORES",
             std::string(ctx.profile.version == "v1.20.0" ? "" : driver) +
                 " has less than 2 CPUs available, but Kubernetes requires at least 2 to be available")) {
    return k_ex_insufficient_cores;
  }

  long mem = 0;
  if (inv.has("memory")) {
    mem = memory_mb(inv.get("memory"));
    if (ctx.profile.spurious_cgroup_warning) {
      ctx.err << "! Your cgroup does not allow setting memory.\n"
              << "  - More information: https://docs.docker.com/engine/install/linux-postinstall/"
                 "#your-kernel-does-not-support-cgroup-swap-limit-capabilities\n";
    }
  } else {
    // suggestMemoryAllocation: a quarter of the host, clamped (v1.20.0: 2200–6000 MB), divided
    // by the number of nodes.
    mem = std::clamp(host_mem / 4, 2200L, 6000L);
    mem = std::min(mem, host_mem);
    if (node_count > 1) {
      mem /= node_count;
    }
  }
  if (mem < k_min_usable_mem &&
      refuse(ctx, force, "RSRC_INSUFFICIENT_REQ_MEMORY",
             "Requested memory allocation " + std::to_string(mem) + "MiB is less than the usable minimum of 1800MB")) {
    return k_ex_insufficient_memory;
  }
  if (mem < k_min_recommended_mem) {
    ctx.err << "! Requested memory allocation (" << mem
            << "MB) is less than the recommended minimum 1900MB. Deployments may fail.\n";
  }
  if (mem > host_mem - 1024) {
    ctx.err << "! The requested memory allocation of " << mem
            << "MiB does not leave room for system overhead (total system memory: " << host_mem
            << "MiB). You may face stability issues.\n"
            << "* Suggestion: Start minikube with less memory allocated: 'minikube start --memory=" << host_mem
            << "mb'\n";
  }
  if (host.value("root", false) && driver != "none") {
    ctx.err << "! The \"" << driver << "\" driver should not be used with root privileges.\n"
            << "* If you are running minikube within a VM, consider using --driver=none:\n"
            << "*   https://minikube.sigs.k8s.io/docs/reference/drivers/none/\n";
    if (!force) {
      ctx.err << "\nX Exiting due to DRV_AS_ROOT: The \"" << driver << "\" driver should not be used with root privileges.\n\n";
      return k_ex_driver_permission;
    }
  }

  // The image repository: an explicit one beats a country (#8249); "cn" is the simulation's mirror.
  std::string repo = inv.get("image-repository");
  const std::string country = inv.get("image-mirror-country");
  const json mirrors = state["settings"].value("mirrors", json::object());
  if (repo.empty() && !country.empty()) {
    std::string code = country;
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!mirrors.contains(code)) {
      ctx.err << "\nX Exiting due to MK_USAGE: invalid image mirror country code: " << country << "\n\n";
      return k_ex_program_usage;
    }
    repo = mirrors[code].get<std::string>();
  }
  if (!repo.empty()) {
    ctx.out << "* Using image repository " << repo << "\n";
  }

  std::vector<std::string> extra = inv.flags.count("extra-config") ? inv.flags.at("extra-config") : std::vector<std::string>{};
  const bool numcpu_ignored =
      ctx.profile.numcpu_auto ||
      std::any_of(extra.begin(), extra.end(), [](const std::string& e) {
        return e.rfind("kubeadm.ignore-preflight-errors=", 0) == 0 && e.find("NumCPU") != std::string::npos;
      });
  ctx.out << "* Starting control plane node minikube in cluster minikube\n"
          << "* Pulling base image ...\n" << std::flush;
  // settings.start_delay_seconds: the kicbase download's time, so a test can interrupt a start
  // midway (the real download is 350 MB; the simulation has none).
  if (const auto delay = state["settings"].value("start_delay_seconds", 0); delay > 0) {
    std::this_thread::sleep_for(std::chrono::seconds(delay));
  }
  ctx.out << "* Creating " << driver << " container (CPUs=" << cpus << ", Memory=" << mem << "MB) ...\n"
          << "* Preparing Kubernetes v1.20.2 on " << runtime_words(runtime) << " ...\n";
  for (const auto& e : extra) {
    ctx.out << "  - " << e << "\n";
  }
  ctx.out << "  - Generating certificates and keys ...\n"
          << "  - Booting up control plane ...\n";
  if (std::min(cpus, host_cpus) < k_minimum_cpus && !numcpu_ignored) {
    // kubeadm init's own preflight fails; minikube matches its text (reason/known_issues.go).
    ctx.err << "\nX Exiting due to RSRC_INSUFFICIENT_CORES: wait: /bin/bash -c \"sudo env PATH=/var/lib/minikube/binaries/"
               "v1.20.2:$PATH kubeadm init ...\": Process exited with status 1\n"
            << "stderr:\n\t[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2\n"
            << "* Suggestion: Kubernetes requires at least 2 CPU's to start\n\n";
    return k_ex_insufficient_cores;
  }
  ctx.out << "  - Configuring RBAC rules ...\n";
  if (node_count > 1) {
    // cni.New picks kindnet for a multi-node request (pkg/minikube/cni/cni.go, v1.20.0).
    ctx.out << "* Configuring CNI (Container Networking Interface) ...\n";
  }
  ctx.out << "* Verifying Kubernetes components...\n";

  // Custom addon images survive a restart only where minikube saves them (v1.21.0+, #11432).
  const json saved = state["addons"].value("storage-provisioner", json::object());
  const bool keep = ctx.profile.persists_addon_images;
  const auto image = storage_provisioner_image(ctx.profile, repo, mirrors.value("cn", ""),
                                               keep ? saved.value("custom_registry", "") : "",
                                               keep ? saved.value("custom_image", "") : "");
  ctx.out << "  - Using image " << image << (repo.empty() ? "" : " (global image repository)") << "\n"
          << "* Enabled addons: default-storageclass, storage-provisioner\n";
  // Further nodes join after the addons are applied (startWithDriver, v1.20.0); output as the
  // multi-node tutorial shows it (site/content/en/docs/tutorials/multi_node.md at v1.20.0).
  if (existing && std::stol(inv.get("nodes", "1")) > 1) {
    ctx.err << "! The cluster minikube already exists which means the --nodes parameter will be ignored. Use "
               "\"minikube node add\" to add nodes to an existing cluster.\n";
  }
  if (!existing) {
    state["nodes"] = json::array({new_node("minikube", 0)});
  }
  for (long i = existing ? node_count : 1; i < node_count; ++i) {
    const auto worker = new_node("minikube", static_cast<size_t>(i));
    ctx.out << "\n* Starting node " << worker["name"].get<std::string>() << " in cluster minikube\n"
            << "* Pulling base image ...\n"
            << "* Creating " << driver << " container (CPUs=" << cpus << ", Memory=" << mem << "MB) ...\n"
            << "* Found network options:\n"
            << "  - NO_PROXY=192.168.49.2\n"
            << "* Preparing Kubernetes v1.20.2 on " << runtime_words(runtime) << " ...\n"
            << "  - env NO_PROXY=192.168.49.2\n"
            << "* Verifying Kubernetes components...\n";
    state["nodes"].push_back(worker);
  }
  ctx.out << "* Done! kubectl is now configured to use \"minikube\" cluster and \"default\" namespace by default\n";

  state["minikube"]["profile"] = {{"name", "minikube"}, {"driver", driver}, {"cpus", cpus}, {"memory_mb", mem},
                                  {"container_runtime", runtime}, {"nodes", node_count},
                                  {"kubernetes_version", "v1.20.2"}, {"image_repository", repo},
                                  {"extra_config", extra}, {"host", "Running"}, {"kubelet", "Running"},
                                  {"apiserver", "Running"}, {"kubeconfig", "Configured"}};
  auto& addons = state["addons"];
  const int generation = addons.value("storage-provisioner", json::object()).value("generation", 0) + 1;
  addons["storage-provisioner"] = {{"enabled", true}, {"generation", generation},
                                   {"images", {{"StorageProvisioner", image}}}};
  if (keep) {
    addons["storage-provisioner"]["custom_registry"] = saved.value("custom_registry", "");
    addons["storage-provisioner"]["custom_image"] = saved.value("custom_image", "");
  }
  addons["default-storageclass"] = {{"enabled", true},
                                    {"generation", addons.value("default-storageclass", json::object()).value("generation", 0) + 1}};
  // Every node gets the images its kubeadm (control plane) or join (kube-proxy, pause) pulled.
  for (const auto& node : machine_names(state)) {
    for (const auto& name : control_plane_images(repo)) {
      const bool worker_needs = name.find("/kube-proxy:") != std::string::npos || name.find("/pause:") != std::string::npos;
      if (node != control_plane(state) && !worker_needs) {
        continue;
      }
      // IDs and digests derived from the name, as tests/sim/apiserver/scenario.py does.
      const auto full = ImageName::parse(name).full();
      add_image(state, node, "sha256:" + util::sha256_digest("config " + full).substr(7), {full},
                {full.substr(0, full.rfind(':')) + "@" + util::sha256_digest("manifest " + full)}, 45000000);
    }
  }
  ctx.state.save();
  return 0;
}

} // namespace devk8s::sim
