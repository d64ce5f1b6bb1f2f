// The devk8s command line: the CLI11 root, global flags, and errors mapped to exit codes.
// Subcommands live in cmd_*.cpp, one file each.
#pragma once

#include "cli/context.hpp"

#include <string>
#include <vector>

namespace devk8s::cli {

/// Runs the CLI with `args` (without the program name) on the given streams and adapters.
/// Never throws; returns the process exit code.
int run(const std::vector<std::string>& args, Streams& streams, const Environment& env, Adapters& adapters);

/// The real process: real streams, environment and adapters (cli/wiring.cpp).
int run_main(int argc, char** argv);

/// Prints "devk8s: error: <message>" and "hint: <hint>" to `err`.
void print_error(std::ostream& err, const util::Error& error, bool color);

} // namespace devk8s::cli
