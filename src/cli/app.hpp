// The devk8s command line: the CLI11 root, global flags, and errors mapped to exit codes.
// Subcommands live in cmd_*.cpp, one file each.
#pragma once

#include "cli/context.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace devk8s::cli {

/// Runs the CLI with `args` (without the program name) on the given streams and adapters.
/// `program` is the name help and hints use: "devk8s", or "kubectl devk8s" for the plugin.
/// Never throws; returns the process exit code.
int run(const std::vector<std::string>& args, Streams& streams, const Environment& env, Adapters& adapters,
        const std::string& program = "devk8s");

/// Every command and flag `run` parses, with their help; the command the line chooses stores its
/// work in `action`. Completion and the man page are generated from it.
std::unique_ptr<CLI::App> command_tree(Context& ctx, Action& action, const std::string& program = "devk8s");

/// The group of the root's --kubeconfig, --context and -n (kubectl's global flags): inherited by
/// no command that lacks them, so completion does not offer them there.
inline constexpr const char* k_cluster_flags_group = "Cluster flags, as kubectl's (for doctor, retag, smoke, start, install)";

/// The name devk8s was called by, as the user types it: "kubectl devk8s" for a `kubectl-devk8s`
/// link (kubectl's plugin naming, where `kubectl-a_b` is `kubectl a-b`), else "devk8s".
std::string program_name(std::string_view argv0);

/// The real process: real streams, environment and adapters (cli/wiring.cpp).
int run_main(int argc, char** argv);

/// Prints "devk8s: error: <message>" and "hint: <hint>" to `err`.
void print_error(std::ostream& err, const util::Error& error, bool color);

} // namespace devk8s::cli
