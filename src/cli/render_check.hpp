// Printing registry check outcomes and verified resolutions as JSON; app/registry_words.hpp
// has the outcomes in words.
#pragma once

#include "app/verify_resolutions.hpp"
#include "core/registry/outcome.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::cli {

nlohmann::json outcome_to_json(const core::registry::Outcome& outcome);
nlohmann::json verified_to_json(const core::image::Resolution& resolution, const app::VerifiedResolution& verified);

} // namespace devk8s::cli
