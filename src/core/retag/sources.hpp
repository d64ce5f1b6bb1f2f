// Where a wanted image can be had: the references to ask the registry about, in order of
// preference (the mirror map's repair of a naively prefixed path first), and the choice once
// the registry has answered. Pure: the registry client asks; this decides.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/image/mirror_map.hpp"
#include "core/registry/outcome.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::retag {

struct SourceQuery {
  image::ImageRef wanted;
  /// In order of preference. For a wanted image pinned by digest, each mirror candidate is asked
  /// with the digest first, then by its tag alone: a mirror copies an image's content, and a
  /// re-pushed copy has a digest of its own.
  std::vector<image::ImageRef> candidates;
  /// The image a naive mirror path stood for, when it differs from `wanted`: asked too, so a
  /// source whose digest differs from upstream's is said.
  std::optional<image::ImageRef> upstream;
  std::string rule; ///< the map's rule that named the first candidate ("flatten gcr.io/k8s-minikube → …"), or ""
};

/// `from` (the user's --from) alone when given; else the map's candidates for `wanted`
/// (image::resolve, which repairs `<mirror>/k8s-minikube/x` to `<mirror>/x`); else, and after
/// them, `wanted` itself (it may exist, and only the node fail to reach it).
SourceQuery source_query(const image::ImageRef& wanted, const image::MirrorMap* map,
                         const std::optional<image::ImageRef>& from);

struct SourceChoice {
  image::ImageRef source;      ///< pinned to the digest the registry gave when `wanted` is pinned
  std::string digest;          ///< the registry's digest of `source`
  bool is_wanted = false;      ///< the wanted reference itself exists: only reaching it failed
  std::vector<std::string> warnings; ///< a digest that differs from upstream's or from the pin
};

/// The first candidate the registry found (`outcomes` answers `query.candidates`, in order;
/// `upstream` answers `query.upstream`). nullopt when none was found.
std::optional<SourceChoice> choose_source(const SourceQuery& query, const std::vector<registry::Outcome>& outcomes,
                                          const std::optional<registry::Outcome>& upstream);

} // namespace devk8s::core::retag
