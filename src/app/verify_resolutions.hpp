// `devk8s mirror resolve --verify`: asks the registries about every candidate of every
// resolution (and the upstream original, unless told not to) in one batch, then lets
// core/registry/verification.hpp choose.
#pragma once

#include "core/image/mirror_resolver.hpp"
#include "core/registry/verification.hpp"
#include "ports/registry_client.hpp"
#include "ports/reporter.hpp"

#include <optional>
#include <vector>

namespace devk8s::app {

struct VerifiedResolution {
  core::registry::Verification verification;
  std::vector<core::registry::Outcome> candidates;   ///< one per Resolution::candidates
  std::optional<core::registry::Outcome> original;   ///< when there are no candidates
  std::optional<core::registry::Outcome> upstream;   ///< when asked
};

/// Each distinct reference is asked once; which hosts got credentials is reported as detail().
std::vector<VerifiedResolution> verify_resolutions(ports::RegistryClient& registry,
                                                   const std::vector<core::image::Resolution>& resolutions,
                                                   const ports::RegistryCheckOptions& options, bool ask_upstream,
                                                   ports::Reporter& reporter);

} // namespace devk8s::app
