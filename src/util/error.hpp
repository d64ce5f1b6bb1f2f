// The one error type every layer returns, and the exit codes it maps to.
// Not an exception: expected failures travel as values (see result.hpp).
#pragma once

#include <optional>
#include <string>

namespace devk8s::util {

/// Exit codes of the devk8s binary (documented in README.md).
enum class ExitCode : int {
  ok = 0,
  failure = 1, ///< the command ran and failed, or found problems
  usage = 2,   ///< the command line was wrong: unknown command or flag, invalid argument
  warnings = 3, ///< a check command (preflight) found only warnings, no failure
  interrupted = 130, ///< stopped by SIGINT/SIGTERM (128 + SIGINT, as a shell reports it)
};

struct Error {
  ExitCode code = ExitCode::failure;
  /// "<what>: <why>", quoting the bad value; printed after "devk8s: error: ".
  std::string message;
  /// A command or action that would help; may be empty.
  std::string hint;
  /// What a failed tool printed, shown under the error as it was, not as more error lines.
  std::string output;
  /// The exit status of the program that failed, when one ran to its end and exited non-zero
  /// (a plan's RunCommand): `devk8s start` reads minikube's reason from it.
  std::optional<int> exit_status;

  /// Prefixes context, kind-style: wrap("reading x.yaml") → "reading x.yaml: <message>".
  Error wrap(const std::string& context) const;
};

Error usage_error(std::string message, std::string hint = {});
Error failure(std::string message, std::string hint = {});
/// "interrupted: <message>", exit code 130.
Error interrupted(std::string message, std::string hint = {});

} // namespace devk8s::util
