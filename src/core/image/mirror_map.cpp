#include "core/image/mirror_map.hpp"

#include "core/image/builtin_mirrors.hpp"
#include "core/image/image_ref.hpp"
#include "core/yaml/schema_problems.hpp"
#include "util/build_info.hpp"
#include "util/edit_distance.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace devk8s::core::image {

namespace {

using yaml::check_fields;
using yaml::Problems;
using yaml::scalar;

const std::vector<std::string> k_top_fields = {"name", "description", "minikube", "rules"};
const std::vector<std::string> k_rule_fields = {"exact", "flatten", "prefix", "to", "tags", "join", "note"};
const std::vector<std::string> k_minikube_fields = {"image-mirror-country", "image-repository"};

// A location on a mirror: "host[:port][/namespace...]", checked with the reference grammar.
bool valid_location(const std::string& location)
{
  if (location.empty() || location.back() == '/') {
    return false;
  }
  const std::size_t slash = location.find('/');
  const std::string domain = location.substr(0, slash);
  if (!validate_domain(domain, 0, location)) {
    return false;
  }
  if (slash == std::string::npos) {
    return true;
  }
  for (const auto component : util::split(std::string_view(location).substr(slash + 1), '/')) {
    if (!is_path_component(component)) {
      return false;
    }
  }
  return true;
}

void decode_rule(const YAML::Node& node, std::size_t index, MirrorMap& map, Problems& problems)
{
  const std::string where = "rule " + std::to_string(index + 1);
  if (!node.IsMap()) {
    problems.add(node, where + " must be a mapping with one of exact, flatten or prefix, and to");
    return;
  }
  check_fields(node, k_rule_fields, where, problems);
  MirrorRule rule;
  rule.line = node.Mark().line + 1;
  int kinds = 0;
  for (const auto& [field, kind] : {std::pair{"exact", RuleKind::exact}, std::pair{"flatten", RuleKind::flatten},
                                    std::pair{"prefix", RuleKind::prefix}}) {
    if (const auto value = node[field]) {
      ++kinds;
      rule.kind = kind;
      if (auto text = scalar(value, field, problems)) {
        rule.match = *text;
      }
    }
  }
  if (kinds != 1) {
    problems.add(node, where + " needs exactly one of \"exact\", \"flatten\" or \"prefix\"");
    return;
  }
  const bool wildcard = rule.match == "*";
  if (wildcard && rule.kind != RuleKind::prefix) {
    problems.add(node, where + ": \"*\" is only allowed in a prefix rule");
  } else if (!wildcard && !valid_location(rule.match)) {
    problems.add(node, where + ": " + util::quoted(rule.match) + " is not a registry or repository name (lowercase, no tag)");
  } else if (rule.kind == RuleKind::exact && rule.match.find('/') == std::string::npos) {
    problems.add(node, where + ": exact needs a full repository name such as \"k8s.gcr.io/ingress-nginx/controller\"");
  }

  const YAML::Node to = node["to"];
  if (!to) {
    problems.add(node, where + " has no \"to\"");
  } else if (to.IsScalar()) {
    rule.targets.push_back(to.Scalar());
  } else if (to.IsSequence() && to.size() > 0) {
    for (const auto& item : to) {
      if (auto text = scalar(item, "to", problems)) {
        rule.targets.push_back(*text);
      }
    }
  } else {
    problems.add(to, where + ": \"to\" must be a location or a non-empty list of locations");
  }
  for (const auto& target : rule.targets) {
    if (!valid_location(target)) {
      problems.add(to, where + ": " + util::quoted(target) + " is not a registry location (host[:port][/namespace])");
    }
  }

  if (const YAML::Node tags = node["tags"]) {
    if (rule.kind != RuleKind::exact) {
      problems.add(tags, where + ": \"tags\" is only allowed in an exact rule");
    } else if (!tags.IsMap()) {
      problems.add(tags, where + ": \"tags\" must map upstream tags to mirror tags");
    } else {
      for (const auto& entry : tags) {
        rule.tags[entry.first.Scalar()] = entry.second.Scalar();
      }
    }
  }
  if (const YAML::Node join = node["join"]) {
    const std::string value = join.IsScalar() ? join.Scalar() : std::string();
    if (rule.kind != RuleKind::flatten) {
      problems.add(join, where + ": \"join\" is only allowed in a flatten rule");
    } else if (value != "." && value != "-" && value != "_") {
      problems.add(join, where + ": \"join\" must be \".\", \"-\" or \"_\", not " + util::quoted(value));
    } else {
      rule.join = value;
    }
  }
  if (const YAML::Node note = node["note"]; note && note.IsScalar()) {
    rule.note = note.Scalar();
  }
  map.rules.push_back(std::move(rule));
}

} // namespace

std::string_view to_string(RuleKind kind)
{
  switch (kind) {
  case RuleKind::exact:
    return "exact";
  case RuleKind::flatten:
    return "flatten";
  case RuleKind::prefix:
    return "prefix";
  }
  return "?";
}

bool MirrorRule::matches(std::string_view name) const
{
  switch (kind) {
  case RuleKind::exact:
    return name == match;
  case RuleKind::flatten:
    return name.size() > match.size() + 1 && name.substr(0, match.size()) == match && name[match.size()] == '/';
  case RuleKind::prefix:
    return match == "*" || name == match ||
           (name.size() > match.size() && name.substr(0, match.size()) == match && name[match.size()] == '/');
  }
  return false;
}

std::string MirrorMap::describe_rule(std::size_t index) const
{
  const MirrorRule& rule = rules.at(index);
  std::string text = std::string(to_string(rule.kind)) + " " + rule.match + " → " + util::join(rule.targets, ", ");
  return text + " (" + origin + ":" + std::to_string(rule.line) + ")";
}

util::Result<MirrorMap> parse_mirror_map(std::string_view yaml, const std::string& origin, const std::string& default_name)
{
  const std::string hint = "see " + util::schema_readme("Schema") + " for the schema";
  DEVK8S_TRY(const YAML::Node root, yaml::load_document(yaml, origin, hint));
  Problems problems(origin, hint);
  MirrorMap map;
  map.origin = origin;
  map.name = default_name;
  if (!root.IsMap()) {
    problems.add(root, "a mirror map must be a mapping with \"name\" and \"rules\"");
    return problems.error();
  }
  try {
    check_fields(root, k_top_fields, "mirror map", problems);
    if (const auto name = root["name"]) {
      if (auto text = scalar(name, "name", problems)) {
        map.name = *text;
        const bool valid_name = !text->empty() && std::all_of(text->begin(), text->end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (!valid_name) {
          problems.add(name, "name " + util::quoted(*text) + " must be lowercase letters, digits, '-' or '_'");
        }
      }
    }
    if (const auto description = root["description"]; description && description.IsScalar()) {
      map.description = description.Scalar();
    }
    if (const auto minikube = root["minikube"]) {
      if (!minikube.IsMap()) {
        problems.add(minikube, "\"minikube\" must be a mapping");
      } else {
        check_fields(minikube, k_minikube_fields, "minikube", problems);
        if (const auto c = minikube["image-mirror-country"]) {
          map.minikube.image_mirror_country = scalar(c, "image-mirror-country", problems).value_or("");
        }
        if (const auto r = minikube["image-repository"]) {
          map.minikube.image_repository = scalar(r, "image-repository", problems).value_or("");
          if (!map.minikube.image_repository.empty() && !valid_location(map.minikube.image_repository)) {
            problems.add(r, util::quoted(map.minikube.image_repository) + " is not a registry location");
          }
        }
      }
    }
    const YAML::Node rules = root["rules"];
    if (!rules || !rules.IsSequence() || rules.size() == 0) {
      problems.add(rules ? rules : root, "\"rules\" must be a non-empty list");
    } else {
      for (std::size_t i = 0; i < rules.size(); ++i) {
        decode_rule(rules[i], i, map, problems);
      }
    }
  } catch (const YAML::Exception& e) {
    problems.add(e.mark.line + 1, e.msg);
  }
  if (!problems.empty()) {
    return problems.error();
  }
  return map;
}

util::Result<MirrorCatalog> builtin_catalog()
{
  MirrorCatalog catalog;
  for (const auto& file : builtin_mirror_files()) {
    if (file.stem == k_downloads_stem) {
      continue; // download sources for `devk8s install`, not a mirror map (core/install)
    }
    DEVK8S_TRY(MirrorMap map, parse_mirror_map(file.text, std::string(file.origin), std::string(file.stem)));
    catalog.add(std::move(map));
  }
  return catalog;
}

} // namespace devk8s::core::image
