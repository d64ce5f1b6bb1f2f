// Nodes that cannot take pods: NotReady, and the kubelet's pressure conditions (which also taint
// the node NoSchedule, so new pods go elsewhere or nowhere).
#include "core/doctor/analyzers/analyzers.hpp"

#include <array>

namespace devk8s::core::doctor {

namespace objects = kube::objects;

void analyze_nodes(const Facts& facts, std::vector<Finding>& findings)
{
  static constexpr std::array<std::pair<const char*, const char*>, 3> pressures = {{
      {"MemoryPressure", "node.memory-pressure"},
      {"DiskPressure", "node.disk-pressure"},
      {"PIDPressure", "node.pid-pressure"},
  }};
  for (const auto& node : facts.snapshot.nodes) {
    const auto subject = finding::Subject::object("Node", "", node.metadata.name);
    if (!node.ready()) {
      const auto* ready = objects::find_condition(node.conditions, "Ready");
      Finding f;
      f.id = "node.not-ready";
      f.severity = finding::Severity::fail;
      f.subject = subject;
      f.message = "node " + node.metadata.name + " is not Ready";
      f.evidence.push_back({ready == nullptr ? std::string("no Ready condition")
                                             : "Ready=" + ready->status.text + " " + ready->reason + ": " + ready->message,
                            "status.conditions"});
      f.hint = "minikube status; minikube logs (or kubectl describe node " + node.metadata.name + ")";
      findings.push_back(std::move(f));
    }
    for (const auto& [type, id] : pressures) {
      const auto* condition = objects::find_condition(node.conditions, type);
      if (condition == nullptr || !(condition->status == objects::ConditionStatus::true_)) {
        continue;
      }
      Finding f;
      f.id = id;
      f.severity = finding::Severity::fail;
      f.subject = subject;
      f.message = "node " + node.metadata.name + " reports " + type;
      f.evidence.push_back({std::string(type) + "=True " + condition->reason + ": " + condition->message,
                            "status.conditions"});
      f.hint = std::string(type) == "DiskPressure"
                   ? "free disk space in the node (minikube ssh -- df -h; docker system prune), or give it more"
                   : "give the node more (minikube start --memory/--cpus) or run fewer pods";
      findings.push_back(std::move(f));
    }
  }
}

} // namespace devk8s::core::doctor
