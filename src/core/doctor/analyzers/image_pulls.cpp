// Pods that cannot pull an image, and why: the kubelet's words classified, the registry's
// answer, and, for a naively mirrored path (<mirror>/k8s-minikube/x), the reference the mirror
// really has. The seed's chain ends here: storage-provisioner ← its image not on the mirror ←
// the naive path minikube wrote.
#include "core/doctor/analyzers/analyzers.hpp"

#include "core/doctor/pull_error.hpp"
#include "core/finding/chains.hpp"
#include "core/minikube/addon_catalog.hpp"
#include "core/minikube/addon_pods.hpp"
#include "core/retag/cluster_state.hpp"

#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::doctor {

namespace objects = kube::objects;
namespace retag = core::retag;

namespace {

/// The addon whose pod this is, or "".
std::string addon_of(const objects::Pod& pod)
{
  for (const auto& addon : minikube::known_addons()) {
    const auto* pods = minikube::addon_pods(addon);
    if (pods == nullptr || pod.metadata.namespace_name != pods->namespace_name) {
      continue;
    }
    for (const auto& selector : pods->selectors) {
      if (minikube::matches(pod.metadata.labels, selector)) {
        return addon;
      }
    }
  }
  return {};
}

/// The finding about the image itself (once per image), with the naive-path finding below it.
void add_image_findings(const Facts& facts, const std::string& image, const std::string& addon, PullError kubelet,
                        std::vector<Finding>& findings)
{
  const auto subject = finding::Subject::object("Image", "", image);
  if (finding::find(findings, {"image.pull-failed", subject})) {
    return;
  }
  const auto* check = facts.check(image);
  Finding root;
  const bool naive = check != nullptr && check->resolution &&
                     check->resolution->kind == image::ResolutionKind::repaired;
  if (naive) {
    const auto& right = check->resolution->chosen();
    root.id = "image.naive-mirror-path";
    root.severity = finding::Severity::fail;
    root.subject = subject;
    root.message = "image " + image + " is a naive mirror path: " + check->resolution->upstream.str() + " prefixed with " +
                   check->resolution->mirror_location + (facts.minikube_version.empty() ? std::string()
                                                         : " (minikube " + facts.minikube_version + " wrote it)") +
                   "; the mirror has it at " + right.str();
    root.evidence.push_back({check->rule, "mirror map"});
    if (check->repaired_outcome) {
      const bool found = check->repaired_outcome->kind == registry::OutcomeKind::found;
      root.evidence.push_back({right.str() + (found ? ": found " : ": ") + check->repaired_outcome->summary(), "registry"});
    }
    root.command = addon.empty() ? std::vector<std::string>{"retag", "--image", image, "--from", right.str()}
                                 : std::vector<std::string>{"retag", addon};
    root.hint = "devk8s " + util::join(root.command, " ");
  }
  Finding f;
  f.id = "image.pull-failed";
  f.severity = finding::Severity::fail;
  f.subject = subject;
  // The registry's answer settles it when it is definite (the image is not there, or access is
  // refused); when this host cannot reach the registry, that says nothing about the node, and
  // the kubelet's words stand.
  const auto* outcome = check != nullptr && check->outcome ? &*check->outcome : nullptr;
  using registry::OutcomeKind;
  if (outcome != nullptr && (outcome->kind == OutcomeKind::not_found || outcome->kind == OutcomeKind::denied)) {
    f.message = "image " + image + ": " + (outcome->kind == OutcomeKind::not_found ? "not found" : "access denied") +
                " (the registry, asked now)";
  } else if (outcome != nullptr && outcome->kind == OutcomeKind::found) {
    f.message = "image " + image + ": the registry has it, but the node's pull failed (" + std::string(to_string(kubelet)) + ")";
  } else {
    f.message = "image " + image + ": " + std::string(to_string(kubelet)) + " (the kubelet)";
  }
  if (outcome != nullptr) {
    f.evidence.push_back({outcome->summary(), "registry, asked from this host"});
  }
  if (naive) {
    f.causes.push_back({root.id, root.subject});
  } else {
    f.hint = kubelet == PullError::unreachable    ? "the node cannot reach the registry: a mirror (--mirror) or devk8s retag --via-host"
             : kubelet == PullError::rate_limited ? "log in (docker login in the node) or use a mirror"
             : kubelet == PullError::unauthorized ? "give the pod an imagePullSecret for the registry"
                                                  : "check the name and tag; devk8s mirror check " + image;
  }
  findings.push_back(std::move(f));
  if (naive) {
    findings.push_back(std::move(root));
  }
}

} // namespace

void analyze_image_pulls(const Facts& facts, std::vector<Finding>& findings)
{
  for (const auto& pod : facts.snapshot.pods) {
    const auto& ns = pod.metadata.namespace_name;
    const auto& name = pod.metadata.name;
    for (const auto* statuses : {&pod.init_container_statuses, &pod.container_statuses}) {
      for (const auto& status : *statuses) {
        if (!retag::pull_failed(status.state)) {
          continue;
        }
        const auto* spec = pod.container(status.name);
        const std::string image = spec != nullptr ? spec->image : status.image;
        // The waiting message of a back-off says only "Back-off pulling image"; the reason is in
        // the kubelet's "Failed to pull image" event.
        const auto* event = latest_event(facts.snapshot, "Pod", ns, name, "Failed", "Failed to pull image");
        const std::string words = event != nullptr ? event->message : status.state.message;
        const auto kubelet = status.state.reason == "InvalidImageName" ? PullError::invalid_name
                                                                       : classify_pull_error(words);
        add_image_findings(facts, image, addon_of(pod), kubelet, findings);
        Finding f;
        f.id = "pod.image-pull";
        f.severity = finding::Severity::fail;
        f.subject = finding::Subject::object("Pod", ns, name);
        f.message = "pod " + ns + "/" + name + " " + status.state.reason + ": cannot pull " + image + " (" +
                    std::string(to_string(kubelet)) + ")";
        f.evidence.push_back({status.state.reason + ": " + status.state.message,
                              "status.containerStatuses[" + status.name + "].state.waiting"});
        if (event != nullptr) {
          f.evidence.push_back({event->message, "event Failed from " + event->source_component});
        }
        f.causes.push_back({"image.pull-failed", finding::Subject::object("Image", "", image)});
        findings.push_back(std::move(f));
      }
    }
  }
}

} // namespace devk8s::core::doctor
