// Claims that stay Pending: their StorageClass (missing, no default, two defaults), its
// provisioner, the pods that serve it and their health. WaitForFirstConsumer claims wait for a
// pod by design and are not findings.
#include "core/doctor/analyzers/analyzers.hpp"

#include "core/minikube/addon_pods.hpp"
#include "core/retag/cluster_state.hpp"

#include <algorithm>
#include <array>

namespace devk8s::core::doctor {

namespace objects = kube::objects;

namespace {

struct KnownProvisioner {
  const char* name;
  const char* namespace_name;
  const char* label_key;
  const char* label_value;
};

// The provisioners a local cluster has: minikube's (deploy/addons/storage-provisioner), Rancher's
// local-path-provisioner (deploy/local-path-storage.yaml: app=local-path-provisioner) and the
// CSI hostpath driver (minikube's csi-hostpath-driver addon: app.kubernetes.io/name=csi-hostpathplugin).
constexpr std::array<KnownProvisioner, 3> k_known = {{
    {"k8s.io/minikube-hostpath", "kube-system", "integration-test", "storage-provisioner"},
    {"rancher.io/local-path", "local-path-storage", "app", "local-path-provisioner"},
    {"hostpath.csi.k8s.io", "kube-system", "app.kubernetes.io/name", "csi-hostpathplugin"},
}};

/// The pods that serve `provisioner`: by the table, else those whose name holds the
/// provisioner's last word ("example.com/nfs" → pods named *nfs*).
std::vector<const objects::Pod*> provisioner_pods(const objects::Snapshot& snapshot, const std::string& provisioner)
{
  std::vector<const objects::Pod*> pods;
  const auto known = std::find_if(k_known.begin(), k_known.end(),
                                  [&](const KnownProvisioner& k) { return provisioner == k.name; });
  std::string word = provisioner.substr(provisioner.rfind('/') + 1);
  for (const auto& pod : snapshot.pods) {
    const bool match = known != k_known.end()
                           ? pod.metadata.namespace_name == known->namespace_name &&
                                 pod.metadata.label(known->label_key) == known->label_value
                           : !word.empty() && pod.metadata.name.find(word) != std::string::npos;
    if (match) {
      pods.push_back(&pod);
    }
  }
  return pods;
}

bool ready(const objects::Pod& pod)
{
  const auto* c = objects::find_condition(pod.conditions, "Ready");
  return c != nullptr && c->status == objects::ConditionStatus::true_;
}

Finding class_finding(const std::string& id, const std::string& message, const std::string& hint,
                      const finding::Subject& subject, const std::string& evidence)
{
  Finding f;
  f.id = id;
  f.severity = finding::Severity::fail;
  f.subject = subject;
  f.message = message;
  f.evidence.push_back({evidence, "storageclasses"});
  f.hint = hint;
  return f;
}

/// The finding that explains why `provisioner` makes no volumes, added once; its ref.
std::optional<finding::FindingRef> provisioner_finding(const Facts& facts, const std::string& provisioner,
                                                       std::vector<Finding>& findings)
{
  const auto subject = finding::Subject::object("Provisioner", "", provisioner);
  if (auto existing = failures_about(findings, subject); !existing.empty()) {
    return existing.front();
  }
  if (provisioner == "kubernetes.io/no-provisioner") {
    return std::nullopt; // static volumes: the claim's own finding says a PV must be made
  }
  const auto pods = provisioner_pods(facts.snapshot, provisioner);
  Finding f;
  f.severity = finding::Severity::fail;
  f.subject = subject;
  if (pods.empty()) {
    f.id = "provisioner.missing";
    f.message = "no pod serves the provisioner " + provisioner;
    f.evidence.push_back({"no pod found for it", "pods"});
    f.hint = provisioner == "k8s.io/minikube-hostpath" ? "minikube addons enable storage-provisioner"
                                                       : "install the provisioner " + provisioner;
  } else {
    std::vector<finding::FindingRef> causes;
    std::string states;
    for (const auto* pod : pods) {
      if (ready(*pod)) {
        continue;
      }
      // kubectl's words (CrashLoopBackOff), not the phase: a crash-looping pod's phase is Running.
      states += (states.empty() ? "" : ", ") + pod->metadata.namespace_name + "/" + pod->metadata.name + " " +
                retag::pod_status(*pod);
      auto refs = failures_about(findings, finding::Subject::object("Pod", pod->metadata.namespace_name,
                                                                   pod->metadata.name));
      causes.insert(causes.end(), refs.begin(), refs.end());
    }
    if (states.empty()) {
      return std::nullopt; // it runs: the claim waits for another reason, said by its own finding
    }
    f.id = "provisioner.down";
    f.message = "the provisioner " + provisioner + " is not serving: " + states;
    f.evidence.push_back({states, "pods"});
    f.causes = std::move(causes);
    f.hint = "see its pods: kubectl get pods -A | grep " + pods.front()->metadata.name;
  }
  findings.push_back(f);
  return f.ref();
}

} // namespace

void analyze_claims(const Facts& facts, std::vector<Finding>& findings)
{
  const auto& snapshot = facts.snapshot;
  std::vector<const objects::StorageClass*> defaults;
  for (const auto& sc : snapshot.storage_classes) {
    if (sc.is_default()) {
      defaults.push_back(&sc);
    }
  }
  for (const auto& claim : snapshot.persistent_volume_claims) {
    if (!(claim.phase == objects::ClaimPhase::pending || claim.phase.absent())) {
      continue;
    }
    const auto& ns = claim.metadata.namespace_name;
    const auto subject = finding::Subject::object("PersistentVolumeClaim", ns, claim.metadata.name);
    Finding f;
    f.id = "pvc.pending";
    f.severity = finding::Severity::fail;
    f.subject = subject;
    f.evidence.push_back({"phase Pending", "status.phase"});
    const auto wanted = claim.storage_class();
    const objects::StorageClass* sc = nullptr;
    if (!wanted) {
      if (defaults.size() == 1) {
        sc = defaults.front();
      } else {
        const auto cls = finding::Subject::object("StorageClass", "", "(default)");
        if (failures_about(findings, cls).empty()) {
          findings.push_back(defaults.empty()
                                 ? class_finding("storageclass.no-default", "no StorageClass is marked default",
                                                 "minikube addons enable default-storageclass, or annotate one "
                                                 "storageclass.kubernetes.io/is-default-class=true",
                                                 cls, "no default among " + std::to_string(snapshot.storage_classes.size()))
                                 : class_finding("storageclass.two-defaults",
                                                 std::to_string(defaults.size()) + " StorageClasses are marked default",
                                                 "keep one default: remove the annotation from the others", cls,
                                                 defaults[0]->metadata.name + ", " + defaults[1]->metadata.name));
        }
        f.causes = failures_about(findings, cls);
      }
    } else if (!wanted->empty()) {
      const auto it = std::find_if(snapshot.storage_classes.begin(), snapshot.storage_classes.end(),
                                   [&](const objects::StorageClass& c) { return c.metadata.name == *wanted; });
      if (it == snapshot.storage_classes.end()) {
        const auto cls = finding::Subject::object("StorageClass", "", *wanted);
        if (failures_about(findings, cls).empty()) {
          findings.push_back(class_finding("storageclass.missing", "StorageClass " + *wanted + " does not exist",
                                           "create it, or use an existing class (kubectl get storageclass)", cls,
                                           *wanted + " is not among the classes"));
        }
        f.causes = failures_about(findings, cls);
      } else {
        sc = &*it;
      }
    }
    if (sc != nullptr && sc->volume_binding_mode.text == "WaitForFirstConsumer") {
      continue; // binds when a pod uses it: normal
    }
    const std::string provisioner = sc != nullptr ? sc->provisioner : claim.storage_provisioner();
    if (const auto* event = latest_event(snapshot, "PersistentVolumeClaim", ns, claim.metadata.name,
                                         "ExternalProvisioning")) {
      f.evidence.push_back({event->message, "event ExternalProvisioning from " + event->source_component});
    } else if (const auto* failed = latest_event(snapshot, "PersistentVolumeClaim", ns, claim.metadata.name,
                                                 "ProvisioningFailed")) {
      f.evidence.push_back({failed->message, "event ProvisioningFailed from " + failed->source_component});
    }
    if (!provisioner.empty()) {
      if (auto ref = provisioner_finding(facts, provisioner, findings)) {
        f.causes.push_back(*ref);
      }
    }
    f.message = "claim " + ns + "/" + claim.metadata.name + " is Pending" +
                (provisioner.empty() ? std::string() : ", waiting for " + provisioner);
    if (provisioner == "kubernetes.io/no-provisioner" || (wanted && wanted->empty())) {
      f.hint = "this class provisions nothing: create a PersistentVolume that matches the claim";
    }
    findings.push_back(std::move(f));
  }
}

} // namespace devk8s::core::doctor
