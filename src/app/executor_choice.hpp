// The one place that chooses how a plan is applied: for real through the ports, or a dry run
// that checks the plan as a real run would and then shows it (text, or core::plan::to_json).
// Every mutating command gets its executor here; its logic never asks whether it is a dry run.
#pragma once

#include "app/ports.hpp"
#include "exec/executor.hpp"

#include <iosfwd>
#include <memory>

namespace devk8s::app {

struct ExecutorChoice {
  bool dry_run = false;
  bool json = false;     ///< a dry run shows the plan as JSON rather than text
  bool previews = true;  ///< a text dry run shows each step's preview (a file's diff)
};

/// Where executors write, handed in by the CLI: a dry run's plan goes to `plan_out` (stdout); a
/// real run's progress to `progress` (stderr), with a live download line when `tty`.
struct ExecutorStreams {
  std::ostream& plan_out;
  std::ostream& progress;
  bool tty = false;
};

std::unique_ptr<exec::Executor> make_executor(const Ports& ports, const ExecutorChoice& choice,
                                              const ExecutorStreams& streams);

} // namespace devk8s::app
