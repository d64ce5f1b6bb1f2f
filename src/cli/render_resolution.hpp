// Resolutions and mirror rules as JSON.
#pragma once

#include "core/image/mirror_resolver.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>

namespace devk8s::cli {

nlohmann::json rule_to_json(const core::image::MirrorMap& map, std::size_t rule_index);
nlohmann::json resolution_to_json(const core::image::Resolution& resolution, const core::image::MirrorMap& map);

} // namespace devk8s::cli
