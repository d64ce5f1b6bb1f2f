// `devk8s mirror resolve --verify`: asks the registries about every candidate of every
// resolution (and the upstream original, unless told not to) in one batch, then lets
// core/registry/verification.hpp choose. Printing lives in cmd_mirror.cpp.
#pragma once

#include "cli/context.hpp"
#include "core/image/mirror_resolver.hpp"
#include "core/registry/verification.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace devk8s::cli {

struct VerifiedResolution {
  core::registry::Verification verification;
  std::vector<core::registry::Outcome> candidates;   ///< one per Resolution::candidates
  std::optional<core::registry::Outcome> original;   ///< when there are no candidates
  std::optional<core::registry::Outcome> upstream;   ///< when asked
};

std::vector<VerifiedResolution> verify_resolutions(Context& ctx, const std::vector<core::image::Resolution>& resolutions,
                                                   const ports::RegistryCheckOptions& options, bool ask_upstream);

nlohmann::json verified_to_json(const core::image::Resolution& resolution, const VerifiedResolution& verified);

} // namespace devk8s::cli
