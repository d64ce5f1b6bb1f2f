// Pods the scheduler could not place: the FailedScheduling message parsed, each reason linked to
// what explains it (the pod's unbound claims, nodes that are not ready, tainted or cordoned, or
// the cluster's allocatable cpu and memory).
#include "core/doctor/analyzers/analyzers.hpp"

#include "core/doctor/scheduling.hpp"

namespace devk8s::core::doctor {

namespace objects = kube::objects;

namespace {

std::string allocatable(const objects::Snapshot& snapshot, bool cpu)
{
  std::string text;
  for (const auto& node : snapshot.nodes) {
    text += (text.empty() ? "" : ", ") + node.metadata.name + " " +
            (cpu ? node.allocatable.cpu + " cpu" : node.allocatable.memory + " memory");
  }
  return text.empty() ? std::string("no nodes") : text;
}

finding::FindingRef capacity_finding(const Facts& facts, bool cpu, std::vector<Finding>& findings)
{
  const auto subject = finding::Subject::host(cpu ? "cluster cpu" : "cluster memory");
  if (auto refs = failures_about(findings, subject); !refs.empty()) {
    return refs.front();
  }
  Finding f;
  f.id = cpu ? "cluster.insufficient-cpu" : "cluster.insufficient-memory";
  f.severity = finding::Severity::fail;
  f.subject = subject;
  f.message = std::string("the nodes have too little ") + (cpu ? "cpu" : "memory") + " left for a pod's requests";
  f.evidence.push_back({allocatable(facts.snapshot, cpu), "nodes status.allocatable"});
  // The node is a VM or container on this host: what the host has says whether more is possible.
  const auto& host = cpu ? facts.host_cpus : facts.host_memory;
  if (host) {
    f.evidence.push_back({"this host: " + host->value, host->source});
  }
  f.hint = cpu ? "lower the pods' cpu requests, or start minikube with more --cpus"
               : "lower the pods' memory requests, or start minikube with more --memory";
  if (host) {
    f.hint += " (this host has " + host->value + ")";
  }
  findings.push_back(f);
  return f.ref();
}

} // namespace

void analyze_pending_pods(const Facts& facts, std::vector<Finding>& findings)
{
  const auto& snapshot = facts.snapshot;
  for (const auto& pod : snapshot.pods) {
    if (!(pod.phase == objects::PodPhase::pending) || !pod.node_name.empty()) {
      continue;
    }
    const auto& ns = pod.metadata.namespace_name;
    const auto* event = latest_event(snapshot, "Pod", ns, pod.metadata.name, "FailedScheduling");
    if (event == nullptr) {
      continue; // not refused (yet): nothing to explain
    }
    Finding f;
    f.id = "pod.unschedulable";
    f.severity = finding::Severity::fail;
    f.subject = finding::Subject::object("Pod", ns, pod.metadata.name);
    f.message = "pod " + ns + "/" + pod.metadata.name + " is Pending: the scheduler found no node";
    f.evidence.push_back({event->message + (event->occurrences() > 1 ? " (x" + std::to_string(event->occurrences()) + ")"
                                                                      : std::string()),
                          "event FailedScheduling from " + event->source_component});
    const auto parsed = parse_failed_scheduling(event->message);
    if (parsed && parsed->total == 0 && parsed->failures.empty()) {
      f.hint = "the cluster has no nodes: minikube status";
    }
    if (parsed) {
      for (const auto& failure : parsed->failures) {
        switch (failure.reason) {
        case ScheduleReason::unbound_claims:
        case ScheduleReason::claim_not_found:
          for (const auto& claim : pod.claim_names()) {
            auto refs = failures_about(findings, finding::Subject::object("PersistentVolumeClaim", ns, claim));
            f.causes.insert(f.causes.end(), refs.begin(), refs.end());
          }
          if (failure.reason == ScheduleReason::claim_not_found) {
            f.hint = "create the claim it names, or fix the pod's volume";
          }
          break;
        case ScheduleReason::insufficient_cpu:
        case ScheduleReason::insufficient_memory:
          f.causes.push_back(capacity_finding(facts, failure.reason == ScheduleReason::insufficient_cpu, findings));
          break;
        case ScheduleReason::taint:
        case ScheduleReason::unschedulable:
          for (const auto& node : snapshot.nodes) {
            auto refs = failures_about(findings, finding::Subject::object("Node", "", node.metadata.name));
            f.causes.insert(f.causes.end(), refs.begin(), refs.end());
          }
          if (f.causes.empty()) {
            f.hint = failure.reason == ScheduleReason::taint ? "add a toleration, or remove the taint: " + failure.text
                                                             : "uncordon the node: kubectl uncordon NODE";
          }
          break;
        default:
          break;
        }
      }
    }
    findings.push_back(std::move(f));
  }
}

} // namespace devk8s::core::doctor
