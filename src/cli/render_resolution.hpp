// Printing resolutions: one line per reference for scripts, a wide table, or JSON.
#pragma once

#include "core/image/mirror_resolver.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace devk8s::cli {

nlohmann::json rule_to_json(const core::image::MirrorMap& map, std::size_t rule_index);
nlohmann::json resolution_to_json(const core::image::Resolution& resolution, const core::image::MirrorMap& map);

/// One sentence on how the reference was resolved ("repaired a naive mirror path: …").
std::string explain(const core::image::Resolution& resolution, const core::image::MirrorMap& map);

} // namespace devk8s::cli
