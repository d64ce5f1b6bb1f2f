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

std::vector<Finding> analyze(const Facts& facts)
{
  std::vector<Finding> findings;
  analyze_nodes(facts, findings);
  analyze_containers(facts, findings);
  analyze_image_pulls(facts, findings);
  analyze_claims(facts, findings);
  analyze_pending_pods(facts, findings);
  return findings;
}

} // namespace devk8s::core::doctor
