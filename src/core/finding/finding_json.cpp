#include "core/finding/finding_json.hpp"

namespace devk8s::core::finding {

namespace {

nlohmann::ordered_json evidence_json(const Evidence& e)
{
  return {{"value", e.value}, {"source", e.source}};
}

} // namespace

nlohmann::ordered_json to_json(const Finding& f)
{
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& e : f.evidence) {
    all.push_back(evidence_json(e));
  }
  nlohmann::ordered_json causes = nlohmann::ordered_json::array();
  for (const auto& c : f.causes) {
    causes.push_back({{"id", c.id}, {"subject", c.subject.str()}});
  }
  // plan::to_json writes a whole plan; a finding's fixes are its steps.
  const nlohmann::json steps = plan::to_json(plan::Plan{"", f.fixes})["steps"];
  nlohmann::ordered_json j = {{"id", f.id},
                              {"severity", to_string(f.severity)},
                              {"subject", f.subject.str()},
                              {"message", f.message},
                              {"evidence", f.evidence.empty() ? evidence_json({}) : evidence_json(f.evidence.front())},
                              {"action", f.hint},
                              {"forceable", f.forceable},
                              {"evidenceList", all},
                              {"causes", causes},
                              {"fixes", nlohmann::ordered_json(steps)}};
  if (!f.subject.is_host()) {
    j["object"] = {{"kind", f.subject.kind}, {"namespace", f.subject.ns}, {"name", f.subject.name}};
  }
  return j;
}

} // namespace devk8s::core::finding
