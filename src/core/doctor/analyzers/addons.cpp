// minikube addons that the profile has enabled but whose pods are not Ready: what `minikube
// addons list` shows as "enabled ✅" while the addon does nothing (the seed's storage-provisioner).
// Linked to whatever the other analyzers found about those pods.
#include "core/doctor/analyzers/analyzers.hpp"

#include "core/minikube/addon_pods.hpp"
#include "core/retag/cluster_state.hpp"
#include "util/strings.hpp"

namespace devk8s::core::doctor {

void analyze_addons(const Facts& facts, std::vector<Finding>& findings)
{
  if (!facts.enabled_addons) {
    return; // minikube did not answer: nothing says which addons should be running
  }
  for (const auto& addon : *facts.enabled_addons) {
    const auto* pods = minikube::addon_pods(addon);
    if (pods == nullptr || (!facts.namespace_name.empty() && facts.namespace_name != pods->namespace_name)) {
      continue; // an addon devk8s has no pod labels for, or a namespace the user did not ask about
    }
    const auto state = retag::addon_state(facts.snapshot, *pods);
    if (state.healthy) {
      continue;
    }
    Finding f;
    f.id = "addon.not-ready";
    f.severity = finding::Severity::fail;
    f.subject = finding::Subject::object("Addon", "", addon);
    std::vector<std::string> words;
    for (const auto& pod : state.pods) {
      words.push_back(pod.namespace_name + "/" + pod.name + " " + pod.status);
      const auto more = failures_about(findings, finding::Subject::object("Pod", pod.namespace_name, pod.name));
      f.causes.insert(f.causes.end(), more.begin(), more.end());
    }
    const std::string listed = words.empty() ? std::string("no pod") : util::join(words, ", ");
    f.message = "addon " + addon + " is enabled but not Ready: " + listed;
    f.evidence.push_back({"enabled", "minikube profile list" + (facts.profile.empty() ? std::string() : " (" + facts.profile + ")")});
    f.evidence.push_back({listed, "pods in " + std::string(pods->namespace_name)});
    if (f.causes.empty()) {
      f.hint = words.empty() ? "minikube addons enable " + addon : "kubectl -n " + std::string(pods->namespace_name) + " describe pod " +
                                                                       state.pods.front().name;
    }
    findings.push_back(std::move(f));
  }
}

} // namespace devk8s::core::doctor
