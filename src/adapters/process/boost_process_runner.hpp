// ProcessRunner on Boost.Process: argv only, environment overrides, stdin, captured and
// streamed output, a timeout that kills the child, and cancellation (Ctrl-C) that stops it.
#pragma once

#include "ports/process_runner.hpp"
#include "util/cancel.hpp"

#include <chrono>

namespace devk8s::adapters {

class BoostProcessRunner final : public ports::ProcessRunner {
public:
  /// When `cancel` is set while a child runs, the child gets SIGINT, and `grace` later SIGKILL
  /// together with everything it started. minikube needs a few seconds to stop what it started
  /// (a half-created container), hence the default.
  explicit BoostProcessRunner(const util::CancelToken& cancel = util::process_cancel_token(),
                              std::chrono::milliseconds grace = std::chrono::seconds(10));

  util::Result<ports::ProcessResult> run(const ports::Command& command) override;

private:
  const util::CancelToken& m_cancel;
  std::chrono::milliseconds m_grace;
};

} // namespace devk8s::adapters
