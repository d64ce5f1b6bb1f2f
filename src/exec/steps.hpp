// How RealExecutor applies the step kinds that talk to a child process or to the cluster. Each
// returns an Error naming what failed (without the step: the executor adds it); an interrupted
// one has ExitCode::interrupted.
#pragma once

#include "core/plan/plan.hpp"
#include "ports/kube_api.hpp"
#include "ports/process_runner.hpp"
#include "ports/reporter.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

#include <chrono>
#include <functional>

namespace devk8s::exec {

/// The time a Wait reads and how it pauses: injectable so tests neither sleep nor depend on the
/// machine's speed. `sleep` returns early when the token is cancelled.
struct WaitClock {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
};

/// Runs the command; with `stream_as` set its lines go to reporter.output() as they arrive and
/// its redrawn progress to reporter.status(). Fails for an exit code not accepted, a timeout, or
/// a cancellation (the runner has stopped the child).
util::Result<void> apply_command(const core::plan::RunCommand& run, ports::ProcessRunner& runner, ports::Reporter& reporter);

/// One create, merge patch or delete; 404 on delete, and 409 on create when exists_ok, are done.
util::Result<void> apply_kube_request(const core::plan::KubeRequest& request, ports::KubeApi& kube, ports::Reporter& reporter);

/// Polls until the condition holds, showing what is pending in reporter.status(); fails at the
/// deadline naming each pending object and its last state, or when `cancel` is set.
util::Result<void> apply_wait(const core::plan::Wait& wait, ports::KubeApi& kube, ports::Reporter& reporter,
                              const util::CancelToken& cancel, const WaitClock& clock);

} // namespace devk8s::exec
