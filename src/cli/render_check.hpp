// Printing registry check outcomes: a table row, JSON, and the hint that fits each kind.
#pragma once

#include "core/registry/outcome.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace devk8s::cli {

nlohmann::json outcome_to_json(const core::registry::Outcome& outcome);

/// The DIGEST / ERROR column: the digest when found, else the registry's (or curl's) words.
std::string outcome_detail(const core::registry::Outcome& outcome);

/// What the hint may assume about the command that ran.
struct HintContext {
  bool verifying = false;    ///< `mirror resolve --verify`: every candidate path was already asked
  bool mirror_given = false; ///< a map was chosen (--mirror, --mirror-file or DEVK8S_MIRROR)
};

/// What to do about this kind of failure; "" for found. Never the command that just ran.
std::string outcome_hint(core::registry::OutcomeKind kind, const HintContext& context = {});

/// For -v: which hosts received credentials, by where they came from; host names only.
void print_credentials_sent(std::ostream& err, const std::vector<core::registry::Outcome>& outcomes);

} // namespace devk8s::cli
