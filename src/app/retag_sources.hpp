// retag's question to the registries: for each wanted image, the candidates core/retag names,
// asked in one batch, and the source chosen from the answers. Part of app/retag.
#pragma once

#include "app/ports.hpp"
#include "app/retag.hpp"
#include "core/image/mirror_map.hpp"

#include <vector>

namespace devk8s::app {

/// Fills each image's repair.source, digest, rule and warnings. Errors (nothing changed yet):
/// an image with no source on any registry (each candidate's answer listed), or one that exists
/// as wanted while a pod cannot pull it and --via-host was not given.
util::Result<void> find_sources(const Ports& ports, const RetagOptions& options, const core::image::MirrorMap* map,
                                std::vector<WantedImage>& images, ports::Reporter& reporter);

} // namespace devk8s::app
