// Printing registry check outcomes: a table row, JSON, and the hint that fits each kind.
#pragma once

#include "core/registry/outcome.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::cli {

nlohmann::json outcome_to_json(const core::registry::Outcome& outcome);

/// The DIGEST / ERROR column: the digest when found, else the registry's (or curl's) words.
std::string outcome_detail(const core::registry::Outcome& outcome);

/// What to do about this kind of failure; "" for found.
std::string outcome_hint(core::registry::OutcomeKind kind);

} // namespace devk8s::cli
