#include "cli/render_resolution.hpp"

#include "util/strings.hpp"

namespace devk8s::cli {

using core::image::ResolutionKind;

nlohmann::json rule_to_json(const core::image::MirrorMap& map, std::size_t rule_index)
{
  const auto& rule = map.rules.at(rule_index);
  nlohmann::json j = {{"kind", core::image::to_string(rule.kind)},
                      {"match", rule.match},
                      {"to", rule.targets},
                      {"source", map.origin + ":" + std::to_string(rule.line)}};
  if (!rule.join.empty()) {
    j["join"] = rule.join;
  }
  if (!rule.tags.empty()) {
    j["tags"] = rule.tags;
  }
  if (!rule.note.empty()) {
    j["note"] = rule.note;
  }
  return j;
}

nlohmann::json resolution_to_json(const core::image::Resolution& resolution, const core::image::MirrorMap& map)
{
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& candidate : resolution.candidates) {
    candidates.push_back({{"reference", candidate.ref.str()}, {"rule", rule_to_json(map, candidate.rule_index)}});
  }
  nlohmann::json j = {{"original", resolution.original.str()},
                      {"upstream", resolution.upstream.str()},
                      {"resolved", resolution.chosen().str()},
                      {"status", core::image::to_string(resolution.kind)},
                      {"changed", resolution.changed()},
                      {"mirror", map.name},
                      {"candidates", candidates}};
  if (!resolution.mirror_location.empty()) {
    j["mirrorLocation"] = resolution.mirror_location;
  }
  return j;
}

std::string explain(const core::image::Resolution& resolution, const core::image::MirrorMap& map)
{
  const std::string original = util::quoted(resolution.original.str());
  switch (resolution.kind) {
  case ResolutionKind::rewritten:
    return original + " → " + resolution.chosen().str() + " by " +
           map.describe_rule(resolution.candidates.front().rule_index);
  case ResolutionKind::repaired:
    return "repaired a naive mirror path: " + original + " is " + util::quoted(resolution.upstream.str()) +
           " prefixed with " + util::quoted(resolution.mirror_location) +
           ", a flat namespace; it is " + resolution.chosen().str() + " by " +
           map.describe_rule(resolution.candidates.front().rule_index);
  case ResolutionKind::already_mirrored:
    return original + " is already on the mirror (" + resolution.mirror_location + ")";
  case ResolutionKind::unchanged:
    if (!resolution.mirror_location.empty()) {
      return original + " is under the flat mirror namespace " + util::quoted(resolution.mirror_location) +
             " with extra path segments no rule of " + util::quoted(map.name) + " explains; left as is";
    }
    return "no rule of mirror " + util::quoted(map.name) + " matches " + original + "; left as is";
  }
  return {};
}

} // namespace devk8s::cli
