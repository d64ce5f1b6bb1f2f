// `minikube logs [-n|--length N]`, laid out as v1.20.0 writes it (cmd/minikube/cmd/logs.go,
// pkg/minikube/logs/logs.go): the offline part first ("==> Audit <==" with the audit table,
// "==> Last Start <=="), then one "==> NAME <==" section per log command in sorted name order,
// sections separated by an empty line: the runtime's journal ("Docker", "containerd", "CRI-O"),
// "container status", "describe nodes", "dmesg", "kernel", "kubelet", and "POD [ID]" for each
// container of the important pods (kube-apiserver, etcd, coredns, kube-scheduler, kube-proxy,
// kubernetes-dashboard, storage-provisioner, kube-controller-manager). The simulation has no
// journals: the bodies are what its state knows — the containers and their states, the nodes,
// and kubelet's events (pulls, back-off) as journal lines; the rest is empty. The last N lines
// of each body, as tail(1).
#include "commands.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <sstream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

const char* const k_important[] = {"kube-apiserver", "etcd", "coredns", "kube-scheduler", "kube-proxy",
                                   "kubernetes-dashboard", "storage-provisioner", "kube-controller-manager"};

std::string str(const json& j, const char* key)
{
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string tail(const std::string& body, int lines)
{
  std::vector<std::string> all;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    all.push_back(line);
  }
  const std::size_t keep = lines > 0 ? static_cast<std::size_t>(lines) : all.size();
  std::string out;
  for (std::size_t i = all.size() > keep ? all.size() - keep : 0; i < all.size(); ++i) {
    out += all[i] + "\n";
  }
  return out;
}

// The container's state in crictl ps -a's words.
std::string crictl_state(const json& status)
{
  const json& state = status.value("state", json::object());
  if (state.contains("running")) {
    return "Running";
  }
  if (state.contains("terminated")) {
    return "Exited";
  }
  return "Created";
}

} // namespace

int cmd_logs(const Invocation& inv, Context& ctx)
{
  const json& state = ctx.state.doc();
  const json& p = state["minikube"].value("profile", json());
  const std::string length = inv.get("length", inv.get("n", "60"));
  int lines = 60;
  try {
    lines = std::stoi(length);
  } catch (const std::exception&) {
    ctx.err << "Error: invalid argument \"" << length << "\" for \"-n, --length\" flag: strconv.ParseInt: parsing \""
            << length << "\": invalid syntax\n";
    return k_ex_program_usage;
  }
  // logs.OutputOffline: the audit table (empty: the simulation keeps no audit log) and the last start.
  ctx.out << "\n==> Audit <==\n"
          << "|---------|------|---------|------|---------|------------|----------|\n"
          << "| Command | Args | Profile | User | Version | Start Time | End Time |\n"
          << "|---------|------|---------|------|---------|------------|----------|\n"
          << "|---------|------|---------|------|---------|------------|----------|\n"
          << "\n\n==> Last Start <==\n"
          << "Last start log file not found at /root/.minikube/logs/lastStart.txt\n\n";
  if (p.is_null()) {
    return profile_not_found(ctx);
  }
  const json& cluster = state["cluster"];
  std::map<std::string, std::string> sections;
  const std::string runtime = p.value("container_runtime", std::string("docker"));
  const std::string runtime_name = runtime == "containerd" ? "containerd" : runtime == "docker" ? "Docker" : "CRI-O";
  sections[runtime_name] = "-- Logs begin at " + std::string("(simulated: no journal)") + " --\n";
  std::string status = "CONTAINER           IMAGE               CREATED             STATE               NAME                "
                       "ATTEMPT             POD ID\n";
  std::string kubelet = "-- Logs begin at (simulated: kubelet's events as its journal) --\n";
  std::string nodes;
  for (const auto& node : cluster.value("nodes", json::array())) {
    nodes += "Name:               " + str(node["metadata"], "name") + "\n";
    for (const auto& c : node["status"].value("conditions", json::array())) {
      nodes += "  " + str(c, "type") + " " + str(c, "status") + " " + str(c, "reason") + "\n";
    }
  }
  sections["describe nodes"] = nodes;
  sections["dmesg"] = "";
  sections["kernel"] = " 10:00:00 up 1 day,  2:03,  0 users,  load average: 0.52, 0.58, 0.59\n"
                       "Linux minikube 5.10.0-19-amd64 #1 SMP Debian 5.10.149-2 (2022-10-21) x86_64 x86_64 x86_64 GNU/Linux\n"
                       "PRETTY_NAME=\"Ubuntu 20.04.2 LTS\"\n";
  for (const auto& pod : cluster.value("pods", json::array())) {
    const std::string pod_name = str(pod["metadata"], "name");
    const std::string uid = str(pod["metadata"], "uid");
    for (const auto& c : pod["status"].value("containerStatuses", json::array())) {
      const std::string id = str(c, "containerID");
      const std::string short_id = id.substr(id.find("://") == std::string::npos ? 0 : id.find("://") + 3, 13);
      if (!short_id.empty()) {
        status += short_id + "       " + str(c, "image") + "   " + crictl_state(c) + "   " + str(c, "name") + "   " +
                  std::to_string(c.value("restartCount", 0)) + "   " + uid.substr(0, 13) + "\n";
      }
      for (const char* important : k_important) {
        if (!short_id.empty() && str(c, "name") == important) {
          sections[std::string(important) + " [" + short_id + "]"] =
              "I1130 10:00:00.000000       1 main.go:1] " + std::string(important) + " is " +
              (crictl_state(c) == "Running" ? "running" : "not running") + " (pod " + pod_name + ")\n";
        }
      }
    }
  }
  sections["container status"] = status;
  for (const auto& e : cluster.value("events", json::array())) {
    if (str(e.value("source", json::object()), "component") != "kubelet") {
      continue;
    }
    const json& involved = e.value("involvedObject", json::object());
    kubelet += str(e, "lastTimestamp") + " minikube kubelet[1234]: " + (str(e, "type") == "Warning" ? "E" : "I") +
               " " + str(involved, "namespace") + "/" + str(involved, "name") + ": " + str(e, "reason") + ": " +
               str(e, "message") + "\n";
  }
  sections["kubelet"] = kubelet;
  bool first = true;
  for (const auto& [name, body] : sections) {
    if (!first) {
      ctx.out << "\n";
    }
    first = false;
    ctx.out << "==> " << name << " <==\n" << tail(body, lines) << "\n";
  }
  return 0;
}

} // namespace devk8s::sim
