#include "exec/executor.hpp"

#include "exec/binary_installer.hpp"
#include "exec/plan_check.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <ostream>
#include <vector>

namespace devk8s::exec {

namespace {

constexpr std::size_t k_output_tail = 2000;

// kind's RunError: the command as a user could paste it, and the end of what it printed.
util::Error run_error(const core::plan::RunCommand& run, const ports::ProcessResult& result)
{
  std::string output = result.err.empty() ? result.out : result.err;
  if (output.size() > k_output_tail) {
    output = "…" + output.substr(output.size() - k_output_tail);
  }
  while (!output.empty() && output.back() == '\n') {
    output.pop_back();
  }
  const std::string why = result.timed_out ? "timed out" : "exit status " + std::to_string(result.exit_code);
  auto error = util::failure(util::shell_join(run.argv) + ": " + why);
  error.output = std::move(output);
  return error;
}

// What a completed step changed, for the error of a later step that fails.
std::string changed_by(const core::plan::Action& action)
{
  const auto kept = [](const std::optional<std::string>& backup) {
    return backup ? " (original kept as " + *backup + ")" : std::string();
  };
  if (const auto* write = std::get_if<core::plan::WriteFile>(&action)) {
    return write->path + kept(write->backup);
  }
  if (const auto* install = std::get_if<core::plan::InstallBinary>(&action)) {
    return install->path + kept(install->backup);
  }
  return "ran " + util::shell_join(std::get<core::plan::RunCommand>(action).argv);
}

// A step failed after others changed things: the user must learn what is no longer as it was.
util::Error after(util::Error error, const std::vector<std::string>& changed)
{
  if (!changed.empty()) {
    error.message += "\nalready changed by the steps before: " + util::join(changed, ", ") + "; no later step ran";
  }
  return error;
}

} // namespace

util::Result<void> RealExecutor::execute(const core::plan::Plan& plan)
{
  // Everything that can be known before the first change is checked before it.
  if (auto ok = check_plan(plan, m_fs); !ok) {
    return ok;
  }
  std::vector<std::string> changed;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    const std::string where = "step " + std::to_string(i + 1) + " (" + step.description + ")";
    if (const auto* write = std::get_if<core::plan::WriteFile>(&step.action)) {
      if (auto ok = m_fs.write_file_atomic(write->path, write->content, write->backup); !ok) {
        return after(ok.error().wrap(where), changed);
      }
    } else if (const auto* install = std::get_if<core::plan::InstallBinary>(&step.action)) {
      if (m_http == nullptr) {
        return after(util::failure(where + ": no HTTP client to download with"), changed);
      }
      BinaryInstaller installer(m_fs, *m_http, m_runner, m_progress, m_tty);
      if (auto ok = installer.install(*install); !ok) {
        return after(ok.error().wrap(where), changed);
      }
    } else {
      const auto& run = std::get<core::plan::RunCommand>(step.action);
      auto result = m_runner.run(ports::Command{run.argv, {}, run.timeout, {}, {}, {}});
      if (!result) {
        return after(result.error().wrap(where), changed);
      }
      if (result->exit_code != 0 || result->timed_out) {
        return after(run_error(run, *result).wrap(where), changed);
      }
    }
    changed.push_back(changed_by(step.action));
    m_progress << "devk8s: " << step.description << '\n';
  }
  return {};
}

util::Result<void> DryRunExecutor::execute(const core::plan::Plan& plan)
{
  // The same check as a real run: a plan that would fail before its first step fails here too.
  if (auto ok = check_plan(plan, m_fs); !ok) {
    return ok;
  }
  m_out << core::plan::render_text(plan, m_with_previews);
  return {};
}

} // namespace devk8s::exec
