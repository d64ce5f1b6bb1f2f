// Mirror maps: named, ordered rewrite rules from upstream registries to mirrors, loaded from
// YAML (schema: mirrors/README.md). Only the model and its decoding; resolving is in
// mirror_resolver.hpp.
#pragma once

#include "util/named_list.hpp"
#include "util/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::image {

enum class RuleKind {
  exact,   ///< one repository, possibly renamed: k8s.gcr.io/ingress-nginx/controller → <m>/nginx-ingress-controller
  flatten, ///< a flat namespace: gcr.io/k8s-minikube/storage-provisioner → <m>/storage-provisioner
  prefix,  ///< keeps the rest of the path: docker.io/library/redis → <m>/library/redis
};

std::string_view to_string(RuleKind kind);

struct MirrorRule {
  RuleKind kind = RuleKind::prefix;
  /// exact: a full repository name. flatten/prefix: a name prefix on '/' boundaries
  /// ("docker.io", "gcr.io/k8s-minikube"); prefix also takes "*", every reference whole.
  std::string match;
  /// The mirror locations, in order of preference ("to:" in YAML).
  std::vector<std::string> targets;
  /// exact only: upstream tag → mirror tag, for mirrors that renamed tags.
  std::map<std::string, std::string> tags;
  /// flatten only: "" keeps the last path component; ".", "-" or "_" join every component after match.
  std::string join;
  std::string note;
  int line = 0; ///< 1-based line of the rule in its file

  bool matches(std::string_view name) const;
};

/// What `devk8s start` passes to minikube for this mirror.
struct MinikubeSettings {
  std::string image_mirror_country; ///< --image-mirror-country, if minikube knows the mirror by a code
  std::string image_repository;     ///< --image-repository
};

struct MirrorMap {
  std::string name;
  std::string description;
  std::string origin; ///< where it came from: "mirrors/cn.yaml (built in)" or a file path
  MinikubeSettings minikube;
  std::vector<MirrorRule> rules;

  /// "flatten gcr.io/k8s-minikube → … (mirrors/cn.yaml:20)"
  std::string describe_rule(std::size_t index) const;
};

/// Decodes and validates one map. Every problem is reported, one per line, each as
/// `<origin>:<line>: <problem>`, quoting the bad value and suggesting the nearest valid field.
util::Result<MirrorMap> parse_mirror_map(std::string_view yaml, const std::string& origin,
                                         const std::string& default_name);

/// The maps a run may choose from: built-in ones, then user ones overriding by name.
class MirrorCatalog : public util::NamedList<MirrorMap> {
public:
  const std::vector<MirrorMap>& maps() const { return items(); }
};

/// The maps compiled into the binary.
util::Result<MirrorCatalog> builtin_catalog();

} // namespace devk8s::core::image
