// The question before a plan changes a cluster: asked on a terminal, refused off one, so a change
// is never made unasked (retag, doctor --fix).
#pragma once

#include "cli/context.hpp"
#include "core/plan/plan.hpp"
#include "util/result.hpp"

#include <string>

namespace devk8s::cli {

/// Asks `question` followed by " [y/N] " on stderr. Without a terminal on both stdin and stderr:
/// a usage error "<what>, and there is no terminal to confirm on" with `hint`. Ctrl-C while
/// asking: interrupted; any answer but y/yes: a failure ("not confirmed; nothing was changed").
util::Result<void> confirm_question(Context& ctx, const std::string& question, const std::string& what,
                                    const std::string& hint);

/// Prints the plan and asks "Apply these N steps? [y/N]" (confirm_question), naming `command`
/// and --yes/--dry-run when there is no terminal to ask on.
util::Result<void> confirm_plan(Context& ctx, const core::plan::Plan& plan, const std::string& command);

} // namespace devk8s::cli
