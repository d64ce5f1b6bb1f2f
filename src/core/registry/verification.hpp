// `mirror resolve --verify`: given what the registries said about each candidate (and about
// the upstream original, when it could be asked), pick the first candidate that exists and
// note digests that disagree with upstream. Pure: the outcomes come from the registry client.
#pragma once

#include "core/image/mirror_resolver.hpp"
#include "core/registry/outcome.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::registry {

struct Verification {
  /// The reference to use: the first candidate found; with no candidates, the original if
  /// found. nullopt when nothing checked exists.
  std::optional<image::ImageRef> chosen;
  std::optional<std::size_t> chosen_index;  ///< into Resolution::candidates, when one was chosen
  std::vector<std::string> warnings;        ///< digest mismatches, skipped candidates
};

/// `candidates[i]` is the outcome for `resolution.candidates[i]`. `original` is the outcome
/// for resolution.original when there are no candidates. `upstream` is the outcome for
/// resolution.upstream, or nullopt when it was not asked.
Verification verify(const image::Resolution& resolution, const std::vector<Outcome>& candidates,
                    const std::optional<Outcome>& original, const std::optional<Outcome>& upstream);

} // namespace devk8s::core::registry
