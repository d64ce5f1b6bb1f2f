// Executors apply a Plan. RealExecutor performs each step through the ports; DryRunExecutor
// only prints the plan. Commands pick one; their logic has no `if (dry_run)`.
#pragma once

#include "core/plan/plan.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/process_runner.hpp"
#include "util/result.hpp"

#include <iosfwd>

namespace devk8s::exec {

class Executor {
public:
  virtual ~Executor() = default;
  /// Checks the whole plan first (exec/plan_check.hpp: every target, backup and install
  /// directory), then applies the steps in order and stops at the first failure, naming the step
  /// and, when earlier steps changed something, what they changed.
  virtual util::Result<void> execute(const core::plan::Plan& plan) = 0;
};

/// Applies steps for real, reporting each on `progress` (stderr) as it completes. InstallBinary
/// steps need `http`; `tty` says whether `progress` is a terminal (a live download bar).
class RealExecutor final : public Executor {
public:
  RealExecutor(ports::FileSystem& fs, ports::ProcessRunner& runner, std::ostream& progress,
               ports::HttpClient* http = nullptr, bool tty = false)
    : m_fs(fs), m_runner(runner), m_progress(progress), m_http(http), m_tty(tty)
  {
  }
  util::Result<void> execute(const core::plan::Plan& plan) override;

private:
  ports::FileSystem& m_fs;
  ports::ProcessRunner& m_runner;
  std::ostream& m_progress;
  ports::HttpClient* m_http;
  bool m_tty;
};

/// Runs the real executor's check through `fs` (read-only), then prints the plan (text) to `out`
/// and changes nothing: a plan a real run would refuse is refused here too, with the same error.
class DryRunExecutor final : public Executor {
public:
  DryRunExecutor(ports::FileSystem& fs, std::ostream& out, bool with_previews)
    : m_fs(fs), m_out(out), m_with_previews(with_previews)
  {
  }
  util::Result<void> execute(const core::plan::Plan& plan) override;

private:
  ports::FileSystem& m_fs;
  std::ostream& m_out;
  bool m_with_previews;
};

} // namespace devk8s::exec
