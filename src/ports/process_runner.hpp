// The one way devk8s starts a process: an argv vector, never a shell string.
// Implemented by adapters/process/boost_process_runner; tests use tests/support/fake_process_runner.
#pragma once

#include "util/result.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::ports {

struct Command {
  /// argv[0] is looked up on PATH unless it contains a '/'.
  std::vector<std::string> argv;
  /// Added to (or replacing in) the inherited environment.
  std::map<std::string, std::string> env;
  /// Killed (SIGKILL) when it runs longer; nullopt waits forever.
  std::optional<std::chrono::milliseconds> timeout;
  /// Written to the child's stdin, which is then closed; empty means /dev/null.
  std::string stdin_data;
  /// Called with each chunk of stdout/stderr as it arrives, for streaming progress.
  std::function<void(std::string_view)> on_stdout;
  std::function<void(std::string_view)> on_stderr;
};

struct ProcessResult {
  int exit_code = -1;      ///< the exit status, or 128+signal when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;  ///< killed because Command::timeout passed
  bool cancelled = false;  ///< stopped because the runner's CancelToken was set (see below)
};

/// Contract: run() returns an Error only when the process could not be started (not found,
/// not executable, or the run was cancelled before it started: ExitCode::interrupted); a process
/// that starts and fails is a ProcessResult with its exit code. A runner watches a cancellation
/// token (util/cancel.hpp): once it is set, the running child gets SIGINT (so minikube cleans
/// up), then SIGKILL with everything it started after a grace period, and the result is marked
/// `cancelled`.
class ProcessRunner {
public:
  virtual ~ProcessRunner() = default;
  virtual util::Result<ProcessResult> run(const Command& command) = 0;
};

} // namespace devk8s::ports
