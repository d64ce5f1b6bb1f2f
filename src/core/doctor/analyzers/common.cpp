#include "core/doctor/analyzers/analyzers.hpp"

#include <algorithm>

namespace devk8s::core::doctor {

const ImageCheck* Facts::check(const std::string& image) const
{
  const auto it = std::find_if(images.begin(), images.end(), [&](const ImageCheck& c) { return c.image == image; });
  return it == images.end() ? nullptr : &*it;
}

std::vector<finding::FindingRef> failures_about(const std::vector<Finding>& findings, const finding::Subject& subject)
{
  std::vector<finding::FindingRef> refs;
  for (const auto& f : findings) {
    if (f.subject == subject && f.severity == finding::Severity::fail) {
      refs.push_back(f.ref());
    }
  }
  return refs;
}

const kube::objects::Event* latest_event(const kube::objects::Snapshot& snapshot, const std::string& kind,
                                         const std::string& ns, const std::string& name, const std::string& reason,
                                         const std::string& prefix)
{
  const kube::objects::Event* latest = nullptr;
  for (const auto& e : snapshot.events) {
    const auto& o = e.involved_object;
    if (o.kind != kind || o.namespace_name != ns || o.name != name || e.reason != reason ||
        (!prefix.empty() && e.message.rfind(prefix, 0) != 0)) {
      continue;
    }
    // RFC 3339 in UTC compares as text.
    if (latest == nullptr || e.last_seen() > latest->last_seen()) {
      latest = &e;
    }
  }
  return latest;
}

Analysis analyze_all(const Facts& facts)
{
  using Resource = kube::objects::Resource;
  const auto unread = [&facts](std::initializer_list<Resource> needs) -> std::string {
    for (const auto& failure : facts.snapshot.failures) {
      if (std::find(needs.begin(), needs.end(), failure.resource) != needs.end()) {
        return std::string(kube::objects::to_string(failure.resource)) + " could not be read";
      }
    }
    return {};
  };
  struct Entry {
    const char* name;
    void (*run)(const Facts&, std::vector<Finding>&);
    std::string skipped;
  };
  const Entry entries[] = {
      {"nodes", analyze_nodes, unread({Resource::nodes})},
      {"containers", analyze_containers, unread({Resource::pods})},
      {"image pulls", analyze_image_pulls, unread({Resource::pods})},
      {"claims", analyze_claims, unread({Resource::persistent_volume_claims, Resource::storage_classes})},
      {"pending pods", analyze_pending_pods, unread({Resource::pods})},
      {"minikube addons", analyze_addons,
       !facts.enabled_addons ? "minikube did not answer for the profile" : unread({Resource::pods})},
      {"kubectl version", analyze_versions,
       !facts.kubectl_version ? "kubectl is not on PATH or did not answer"
       : !facts.server_version ? "the API server did not give its version"
                               : std::string()},
  };
  Analysis out;
  for (const auto& entry : entries) {
    Check check{entry.name, out.findings.size(), 0, entry.skipped};
    // An analyzer without its inputs would read an unread list as an empty one ("the addon has
    // no pod", "the class does not exist"): it does not run, and the check says why.
    if (check.skipped.empty()) {
      entry.run(facts, out.findings);
    }
    check.count = out.findings.size() - check.first;
    out.checks.push_back(std::move(check));
  }
  return out;
}

std::vector<Finding> analyze(const Facts& facts)
{
  return analyze_all(facts).findings;
}

} // namespace devk8s::core::doctor
