// Executors apply a Plan. RealExecutor performs each step through the ports; DryRunExecutor
// only prints the plan. make_executor() is the one place that picks one, so commands' logic has
// no `if (dry_run)`.
#pragma once

#include "core/plan/plan.hpp"
#include "exec/steps.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/kube_api.hpp"
#include "ports/process_runner.hpp"
#include "ports/reporter.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

#include <iosfwd>
#include <memory>

namespace devk8s::exec {

class Executor {
public:
  virtual ~Executor() = default;
  /// Checks the whole plan first (exec/plan_check.hpp: every target, backup and install
  /// directory), then applies the steps in order and stops at the first failure, naming the step
  /// and, when earlier steps changed something, what they changed. Cancelled (Ctrl-C), it stops
  /// at the step boundary or stops the running step, and the error (ExitCode::interrupted) also
  /// lists the steps that did not run.
  virtual util::Result<void> execute(const core::plan::Plan& plan) = 0;
};

/// What RealExecutor needs beyond the file system, the runner and the reporter, by step kind.
struct RealExecutorOptions {
  ports::HttpClient* http = nullptr;   ///< InstallBinary
  ports::KubeApi* kube = nullptr;      ///< KubeRequest, Wait
  std::ostream* progress = nullptr;    ///< InstallBinary's download lines and bar (stderr)
  bool tty = false;                    ///< `progress` is a terminal: a live download bar
  const util::CancelToken* cancel = nullptr; ///< nullptr: util::process_cancel_token()
  WaitClock clock;                     ///< empty members: the steady clock, and a sleep the token ends
};

/// Applies steps for real, reporting each completed step through reporter.info(description).
class RealExecutor final : public Executor {
public:
  RealExecutor(ports::FileSystem& fs, ports::ProcessRunner& runner, ports::Reporter& reporter,
               RealExecutorOptions options = {});
  util::Result<void> execute(const core::plan::Plan& plan) override;

private:
  util::Result<void> apply(const core::plan::Step& step);

  ports::FileSystem& m_fs;
  ports::ProcessRunner& m_runner;
  ports::Reporter& m_reporter;
  RealExecutorOptions m_options;
  const util::CancelToken& m_cancel;
};

enum class PlanFormat { text, json };

/// Runs the real executor's check through `fs` (read-only), then prints the plan to `out` (text,
/// with or without previews, or JSON) and changes nothing: a plan a real run would refuse is
/// refused here too, with the same error.
class DryRunExecutor final : public Executor {
public:
  DryRunExecutor(ports::FileSystem& fs, std::ostream& out, bool with_previews, PlanFormat format = PlanFormat::text)
    : m_fs(fs), m_out(out), m_with_previews(with_previews), m_format(format)
  {
  }
  util::Result<void> execute(const core::plan::Plan& plan) override;

private:
  ports::FileSystem& m_fs;
  std::ostream& m_out;
  bool m_with_previews;
  PlanFormat m_format;
};

/// How a command wants its plan applied.
struct ExecutorChoice {
  bool dry_run = false;
  PlanFormat format = PlanFormat::text;
  bool with_previews = true;
  RealExecutorOptions real;
};

/// The dry-run executor (printing the plan to `plan_out`) or the real one, as `choice` says.
std::unique_ptr<Executor> make_executor(ports::FileSystem& fs, ports::ProcessRunner& runner, ports::Reporter& reporter,
                                        std::ostream& plan_out, ExecutorChoice choice);

} // namespace devk8s::exec
