// Resolving an image reference through a mirror map: which name the image has on the mirror,
// in order of preference, and which rule said so. Pure; the registry client (a later layer)
// checks which candidate actually exists.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/image/mirror_map.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::image {

struct Candidate {
  ImageRef ref;
  std::size_t rule_index = 0; ///< into MirrorMap::rules
};

enum class ResolutionKind {
  rewritten,        ///< a rule gave a mirror name
  repaired,         ///< the input was a naively prefixed mirror path; rewritten from its upstream
  already_mirrored, ///< the input already names the image on this mirror
  unchanged,        ///< no rule applies; the image is pulled from where it says
};

std::string_view to_string(ResolutionKind kind);

struct Resolution {
  ImageRef original;
  /// The upstream image: the original, or what a naive mirror path stood for.
  ImageRef upstream;
  ResolutionKind kind = ResolutionKind::unchanged;
  /// In order of preference; the first is the choice. Empty for unchanged/already_mirrored.
  std::vector<Candidate> candidates;
  /// For already_mirrored and repaired: the mirror location the input was under.
  std::string mirror_location;

  /// The reference to use: the first candidate, or the original.
  const ImageRef& chosen() const { return candidates.empty() ? original : candidates.front().ref; }
  bool changed() const { return chosen() != original; }
};

/// Resolves `ref` through `map`:
/// - every rule that matches (in map order) contributes candidates, one per target;
/// - a later flatten/prefix rule adds nothing in a mirror namespace an earlier rule already named;
/// - a reference under a flat mirror namespace with extra path segments, such as
///   `<aliyun>/google_containers/k8s-minikube/storage-provisioner:v5`, is recognised as a naive
///   prefix of an upstream path, recovered, and resolved properly;
/// - a reference already on the mirror is left alone, so resolve is idempotent.
Resolution resolve(const ImageRef& ref, const MirrorMap& map);

} // namespace devk8s::core::image
