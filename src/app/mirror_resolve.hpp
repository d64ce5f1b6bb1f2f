// `devk8s mirror resolve` as a use case: each reference through the chosen map, and with
// --verify the registries asked which candidate exists. Why each resolved as it did goes to the
// reporter (a repair always, the rest as detail); the CLI prints the answers.
#pragma once

#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "app/verify_resolutions.hpp"
#include "core/image/mirror_resolver.hpp"
#include "ports/reporter.hpp"

#include <optional>
#include <vector>

namespace devk8s::app {

struct ResolveOptions {
  std::vector<core::image::ImageRef> references;
  MirrorOptions mirror;
  std::optional<ports::RegistryCheckOptions> verify; ///< --verify: ask the registries with these
  bool ask_upstream = true;                          ///< with --verify; --skip-upstream clears it
};

struct ResolveResult {
  core::image::MirrorMap map;
  std::vector<core::image::Resolution> resolutions;
  std::vector<VerifiedResolution> verified; ///< one per resolution with --verify, else none
  /// With --verify, why some reference has no candidate that exists: the command fails with it
  /// after printing every answer.
  std::optional<util::Error> unverified;

  /// With --verify the first candidate that exists; without, the resolver's first.
  const core::image::ImageRef& chosen(std::size_t i) const;
};

util::Result<ResolveResult> resolve_images(const Ports& ports, ResolveOptions options, ports::Reporter& reporter);

} // namespace devk8s::app
