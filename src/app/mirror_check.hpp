// `devk8s mirror check` as a use case: whether each reference's manifest exists, asked of the
// registries all at once; with a map (--mirror, --mirror-file or DEVK8S_MIRROR), where the map
// sends each reference.
#pragma once

#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/image/image_ref.hpp"
#include "core/registry/outcome.hpp"
#include "ports/reporter.hpp"

#include <cstddef>
#include <set>
#include <vector>

namespace devk8s::app {

struct CheckOptions {
  std::vector<core::image::ImageRef> references;
  MirrorOptions mirror;
  ports::RegistryCheckOptions registry; ///< general_creds_registries is filled in here
};

struct CheckResult {
  bool with_mirror = false;                       ///< a map was asked for and applied
  std::vector<core::image::ImageRef> originals;   ///< as given
  std::vector<core::image::ImageRef> checked;     ///< where each was asked (the map's choice, or as given)
  std::vector<core::registry::Outcome> outcomes;  ///< one per reference
  std::size_t failed = 0;
  std::set<core::registry::OutcomeKind> failed_kinds;
};

util::Result<CheckResult> check_images(const Ports& ports, CheckOptions options, ports::Reporter& reporter);

} // namespace devk8s::app
