#include "exec/executor.hpp"

#include "exec/binary_installer.hpp"
#include "util/shell_quote.hpp"

#include <ostream>

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

} // namespace

util::Result<void> RealExecutor::execute(const core::plan::Plan& plan)
{
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    const std::string where = "step " + std::to_string(i + 1) + " (" + step.description + ")";
    if (const auto* write = std::get_if<core::plan::WriteFile>(&step.action)) {
      if (auto ok = m_fs.write_file_atomic(write->path, write->content, write->backup); !ok) {
        return ok.error().wrap(where);
      }
    } else if (const auto* install = std::get_if<core::plan::InstallBinary>(&step.action)) {
      if (m_http == nullptr) {
        return util::failure(where + ": no HTTP client to download with");
      }
      BinaryInstaller installer(m_fs, *m_http, m_runner, m_progress, m_tty);
      if (auto ok = installer.install(*install); !ok) {
        return ok.error().wrap(where);
      }
    } else {
      const auto& run = std::get<core::plan::RunCommand>(step.action);
      auto result = m_runner.run(ports::Command{run.argv, {}, run.timeout, {}, {}, {}});
      if (!result) {
        return result.error().wrap(where);
      }
      if (result->exit_code != 0 || result->timed_out) {
        return run_error(run, *result).wrap(where);
      }
    }
    m_progress << "devk8s: " << step.description << '\n';
  }
  return {};
}

util::Result<void> DryRunExecutor::execute(const core::plan::Plan& plan)
{
  m_out << core::plan::render_text(plan, m_with_previews);
  return {};
}

} // namespace devk8s::exec
