// The registration function of every subcommand. Each adds its CLI11 subcommand to the root
// and, when it is the one chosen, stores what to run in `action`.
#pragma once

#include "cli/context.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace devk8s::app {
struct PreflightOptions;
}

namespace devk8s::cli {

void add_version_command(CLI::App& root, Context& ctx, Action& action);
/// What `devk8s version` and `devk8s --version` print; `output` is "text" or "json".
util::Result<util::ExitCode> print_version(Context& ctx, const std::string& output);
void add_mirror_command(CLI::App& root, Context& ctx, Action& action);
void add_mirror_rewrite_command(CLI::App& mirror, Context& ctx, Action& action);
void add_mirror_check_command(CLI::App& mirror, Context& ctx, Action& action);
void add_preflight_command(CLI::App& root, Context& ctx, Action& action);
void add_install_command(CLI::App& root, Context& ctx, Action& action);
void add_retag_command(CLI::App& root, Context& ctx, Action& action);
void add_doctor_command(CLI::App& root, Context& ctx, Action& action);
void add_start_command(CLI::App& root, Context& ctx, Action& action);
void add_smoke_command(CLI::App& root, Context& ctx, Action& action);
void add_completion_command(CLI::App& root, Context& ctx, Action& action);
/// `devk8s __complete WORDS...`: what may follow WORDS (the last being typed), for the scripts of
/// `devk8s completion`. Prints cobra's format; always exit 0.
int print_completions(const CLI::App& root, const std::vector<std::string>& words, Context& ctx);
/// The flags a start request is made of (--cpus, --memory, --driver, the mirror, --kubernetes-version,
/// -p): preflight's and start's, one definition.
void add_start_request_flags(CLI::App& cmd, app::PreflightOptions& options);

} // namespace devk8s::cli
