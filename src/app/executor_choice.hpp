// The one place that chooses how a plan is applied: for real through the ports, or a dry run
// that checks the plan as a real run would and then shows it (text, or core::plan::to_json).
// Every mutating command gets its executor here; its logic never asks whether it is a dry run.
#pragma once

#include "app/ports.hpp"
#include "exec/executor.hpp"
#include "ports/kube_api.hpp"
#include "ports/reporter.hpp"

#include <iosfwd>
#include <memory>

namespace devk8s::app {

/// Where executors write, handed in by the CLI: a dry run's plan goes to `plan_out` (stdout); a
/// real run reports its steps and their commands' output to `reporter`, and a download's bar to
/// `progress` (stderr), live when `tty`.
struct ExecutorStreams {
  std::ostream& plan_out;
  std::ostream& progress;
  bool tty = false;
  ports::Reporter& reporter;
};

/// The choice itself is exec's (exec::make_executor: a real run, or a dry run as text or JSON);
/// this fills its RealExecutorOptions with every port a step may need: HTTP for downloads,
/// `kube` (when the command has a cluster) for Kubernetes requests and waits.
std::unique_ptr<exec::Executor> make_executor(const Ports& ports, exec::ExecutorChoice choice,
                                              const ExecutorStreams& streams, ports::KubeApi* kube = nullptr);

} // namespace devk8s::app
