#include "core/image/mirror_resolver.hpp"

#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::image {

namespace {

bool under(std::string_view name, std::string_view location)
{
  return name.size() > location.size() + 1 && name.substr(0, location.size()) == location &&
         name[location.size()] == '/';
}

std::string parent_of(const std::string& name)
{
  const auto slash = name.rfind('/');
  return slash == std::string::npos ? std::string() : name.substr(0, slash);
}

// The mirror namespace a candidate lives in, to stop broad rules adding a second guess in a
// namespace where an earlier, more specific rule already decided the image's name.
std::string namespace_of(const MirrorRule& rule, const std::string& target)
{
  return rule.kind == RuleKind::exact ? parent_of(target) : target;
}

std::optional<ImageRef> apply(const MirrorRule& rule, const std::string& target, const ImageRef& ref)
{
  const std::string name = ref.name();
  std::string new_name;
  std::string tag = ref.tag();
  switch (rule.kind) {
  case RuleKind::exact:
    new_name = target;
    if (const auto it = rule.tags.find(tag); it != rule.tags.end()) {
      tag = it->second;
    }
    break;
  case RuleKind::prefix:
    if (rule.match == "*") {
      new_name = target + "/" + name;
    } else if (name == rule.match) {
      new_name = target;
    } else {
      new_name = target + "/" + name.substr(rule.match.size() + 1);
    }
    break;
  case RuleKind::flatten: {
    const std::string rest = name.substr(rule.match.size() + 1);
    std::string flat;
    if (rule.join.empty()) {
      flat = rest.substr(rest.rfind('/') + 1);
    } else {
      for (const auto component : util::split(rest, '/')) {
        flat += flat.empty() ? std::string(component) : rule.join + std::string(component);
      }
    }
    new_name = target + "/" + flat;
    break;
  }
  }
  auto result = ImageRef::from_parts(new_name, tag, ref.digest());
  if (!result) {
    return std::nullopt; // a join that breaks the grammar is no candidate
  }
  return *result;
}

std::vector<Candidate> candidates_for(const ImageRef& ref, const MirrorMap& map)
{
  std::vector<Candidate> candidates;
  std::vector<std::string> namespaces;
  const std::string name = ref.name();
  for (std::size_t i = 0; i < map.rules.size(); ++i) {
    const MirrorRule& rule = map.rules[i];
    if (!rule.matches(name)) {
      continue;
    }
    for (const auto& target : rule.targets) {
      const std::string ns = namespace_of(rule, target);
      if (rule.kind != RuleKind::exact && std::find(namespaces.begin(), namespaces.end(), ns) != namespaces.end()) {
        continue;
      }
      auto mapped = apply(rule, target, ref);
      if (!mapped) {
        continue;
      }
      namespaces.push_back(ns);
      const bool seen = std::any_of(candidates.begin(), candidates.end(),
                                    [&](const Candidate& c) { return c.ref == *mapped; });
      if (!seen) {
        candidates.push_back(Candidate{std::move(*mapped), i});
      }
    }
  }
  return candidates;
}

bool is_flat(const std::string& location, const MirrorMap& map)
{
  return std::any_of(map.rules.begin(), map.rules.end(), [&](const MirrorRule& rule) {
    return rule.kind == RuleKind::flatten &&
           std::find(rule.targets.begin(), rule.targets.end(), location) != rule.targets.end();
  });
}

// For `rest` found under a flat mirror namespace, the upstream image it was copied from: the
// path with its registry put back. Exact rules name real upstream repositories, so they are
// asked first; then the rest in map order.
std::optional<ImageRef> recover_upstream(const std::string& rest, const ImageRef& ref, const MirrorMap& map)
{
  const std::string first = rest.substr(0, rest.find('/'));
  if (first.find_first_of(".:") != std::string::npos || first == "localhost") {
    // minikube kept the whole reference, registry included (`<m>/docker.io/jettech/...`).
    auto whole = ImageRef::from_parts(rest, ref.tag(), ref.digest());
    return whole ? std::optional<ImageRef>(*whole) : std::nullopt;
  }
  for (const bool exact_pass : {true, false}) {
    for (const auto& rule : map.rules) {
      if ((rule.kind == RuleKind::exact) != exact_pass || rule.match == "*") {
        continue;
      }
      const std::string domain = rule.match.substr(0, rule.match.find('/'));
      const std::string name = domain + "/" + rest;
      if (!rule.matches(name)) {
        continue;
      }
      if (auto upstream = ImageRef::from_parts(name, ref.tag(), ref.digest())) {
        return *upstream;
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view to_string(ResolutionKind kind)
{
  switch (kind) {
  case ResolutionKind::rewritten:
    return "rewritten";
  case ResolutionKind::repaired:
    return "repaired";
  case ResolutionKind::already_mirrored:
    return "already-mirrored";
  case ResolutionKind::unchanged:
    return "unchanged";
  }
  return "?";
}

Resolution resolve(const ImageRef& ref, const MirrorMap& map)
{
  Resolution resolution{ref, ref, ResolutionKind::unchanged, {}, {}};
  const std::string name = ref.name();

  // Longest mirror location first, so `<host>/google_containers` wins over `<host>`. An exact
  // rule's target is one repository, not a namespace: only the name itself is on the mirror.
  std::vector<std::string> locations;
  for (const auto& rule : map.rules) {
    for (const auto& target : rule.targets) {
      if (rule.kind == RuleKind::exact) {
        if (name == target) {
          resolution.kind = ResolutionKind::already_mirrored;
          resolution.mirror_location = target;
          return resolution;
        }
      } else {
        locations.push_back(target);
      }
    }
  }
  std::sort(locations.begin(), locations.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& location : locations) {
    if (name != location && !under(name, location)) {
      continue;
    }
    const std::string rest = name == location ? std::string() : name.substr(location.size() + 1);
    if (!is_flat(location, map) || rest.find('/') == std::string::npos) {
      resolution.kind = ResolutionKind::already_mirrored;
      resolution.mirror_location = location;
      return resolution;
    }
    if (auto upstream = recover_upstream(rest, ref, map)) {
      auto candidates = candidates_for(*upstream, map);
      if (!candidates.empty()) {
        resolution.kind = ResolutionKind::repaired;
        resolution.upstream = *upstream;
        resolution.mirror_location = location;
        resolution.candidates = std::move(candidates);
        return resolution;
      }
    }
    // Under a flat namespace but no rule explains the extra path: leave it to the user.
    resolution.mirror_location = location;
    return resolution;
  }

  resolution.candidates = candidates_for(ref, map);
  if (!resolution.candidates.empty()) {
    resolution.kind = ResolutionKind::rewritten;
  }
  return resolution;
}

} // namespace devk8s::core::image
