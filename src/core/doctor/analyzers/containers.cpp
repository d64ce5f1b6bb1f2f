// Containers that start and fail, or cannot be created: CrashLoopBackOff (with how the last run
// ended), OOMKilled (linked to the memory limit), CreateContainerConfigError (the Secret or
// ConfigMap the kubelet names as missing).
#include "core/doctor/analyzers/analyzers.hpp"

namespace devk8s::core::doctor {

namespace objects = kube::objects;

namespace {

std::string ended(const objects::ContainerState& last)
{
  std::string text = last.reason.empty() ? std::string("exited") : last.reason;
  if (last.exit_code) {
    text += ", exit code " + std::to_string(*last.exit_code);
  }
  if (last.signal) {
    text += ", signal " + std::to_string(*last.signal);
  }
  return text;
}

} // namespace

void analyze_containers(const Facts& facts, std::vector<Finding>& findings)
{
  for (const auto& pod : facts.snapshot.pods) {
    const auto subject = finding::Subject::object("Pod", pod.metadata.namespace_name, pod.metadata.name);
    const auto where = "pod " + pod.metadata.namespace_name + "/" + pod.metadata.name;
    for (const auto& status : pod.container_statuses) {
      const auto& state = status.state;
      const auto* spec = pod.container(status.name);
      if (status.last_state.terminated() && status.last_state.reason == "OOMKilled") {
        Finding f;
        f.id = "container.oom-killed";
        f.severity = finding::Severity::fail;
        f.subject = subject;
        f.message = "container " + status.name + " of " + where + " was killed for using too much memory";
        f.evidence.push_back({"last state: " + ended(status.last_state), "status.containerStatuses[" + status.name + "].lastState"});
        f.evidence.push_back({"memory limit: " + (spec == nullptr || spec->limits.memory.empty() ? std::string("none")
                                                                                                 : spec->limits.memory),
                              "spec.containers[" + status.name + "].resources.limits"});
        f.hint = "raise its memory limit, or the node's memory (minikube start --memory)";
        findings.push_back(std::move(f));
      } else if (state.waiting() && state.reason == "CrashLoopBackOff") {
        Finding f;
        f.id = "container.crash-loop";
        f.severity = finding::Severity::fail;
        f.subject = subject;
        f.message = "container " + status.name + " of " + where + " keeps exiting (" +
                    std::to_string(status.restart_count) + " restarts)";
        f.evidence.push_back({"last run: " + ended(status.last_state), "status.containerStatuses[" + status.name + "].lastState"});
        f.evidence.push_back({state.message, "status.containerStatuses[" + status.name + "].state.waiting"});
        f.hint = "kubectl logs -n " + pod.metadata.namespace_name + " " + pod.metadata.name + " -c " + status.name +
                 " --previous";
        findings.push_back(std::move(f));
      }
      if (state.waiting() && state.reason == "CreateContainerConfigError") {
        Finding f;
        f.id = "container.config-error";
        f.severity = finding::Severity::fail;
        f.subject = subject;
        // The kubelet names what is missing: `secret "db" not found`, `couldn't find key k in ConfigMap default/c`.
        f.message = "container " + status.name + " of " + where + " cannot be created: " + state.message;
        f.evidence.push_back({state.message, "status.containerStatuses[" + status.name + "].state.waiting"});
        f.hint = "create the Secret or ConfigMap it names in " + pod.metadata.namespace_name +
                 ", or mark the reference optional";
        findings.push_back(std::move(f));
      }
    }
  }
}

} // namespace devk8s::core::doctor
