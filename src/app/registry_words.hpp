// Registry check outcomes in words: the DIGEST / ERROR column, the hint that fits each kind of
// failure, and (for -v) which hosts received credentials.
#pragma once

#include "core/registry/outcome.hpp"
#include "ports/reporter.hpp"

#include <string>
#include <vector>

namespace devk8s::app {

/// The DIGEST / ERROR column: the digest when found, else the registry's (or curl's) words.
std::string outcome_detail(const core::registry::Outcome& outcome);

/// What the hint may assume about the command that ran.
struct HintContext {
  bool verifying = false;    ///< `mirror resolve --verify`: every candidate path was already asked
  bool mirror_given = false; ///< a map was chosen (--mirror, --mirror-file or DEVK8S_MIRROR)
};

/// What to do about this kind of failure; "" for found. Never the command that just ran.
std::string outcome_hint(core::registry::OutcomeKind kind, const HintContext& context = {});

/// Which hosts received credentials, by where they came from (host names only), as detail().
void report_credentials_sent(ports::Reporter& reporter, const std::vector<core::registry::Outcome>& outcomes);

} // namespace devk8s::app
