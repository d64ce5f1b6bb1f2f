#include "cli/render_resolution.hpp"

namespace devk8s::cli {

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

} // namespace devk8s::cli
