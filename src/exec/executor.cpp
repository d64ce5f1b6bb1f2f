#include "exec/executor.hpp"

#include "exec/binary_installer.hpp"
#include "exec/plan_check.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <vector>

namespace devk8s::exec {

namespace {

using core::plan::InstallBinary;
using core::plan::KubeRequest;
using core::plan::RunCommand;
using core::plan::Wait;
using core::plan::WriteFile;

// What a completed step changed, for the error of a later step that fails. A wait changes nothing.
std::optional<std::string> changed_by(const core::plan::Action& action)
{
  const auto kept = [](const std::optional<std::string>& backup) {
    return backup ? " (original kept as " + *backup + ")" : std::string();
  };
  if (const auto* write = std::get_if<WriteFile>(&action)) {
    return write->path + kept(write->backup);
  }
  if (const auto* install = std::get_if<InstallBinary>(&action)) {
    return install->path + kept(install->backup);
  }
  if (const auto* request = std::get_if<KubeRequest>(&action)) {
    const char* verb = request->verb == KubeRequest::Verb::create  ? "created in "
                       : request->verb == KubeRequest::Verb::patch ? "patched "
                                                                   : "deleted ";
    return verb + request->path;
  }
  if (const auto* run = std::get_if<RunCommand>(&action)) {
    return "ran " + util::shell_join(run->argv);
  }
  return std::nullopt;
}

// A step failed or was interrupted after others changed things: the user must learn what is no
// longer as it was, and which steps never ran (so they can be run by hand, or the command again).
// `cut_short`: the error is the step's own, interrupted while it ran.
util::Error after(util::Error error, const std::vector<std::string>& changed, const core::plan::Plan& plan,
                  std::size_t first_not_run, bool cut_short = false)
{
  const bool interrupted = error.code == util::ExitCode::interrupted;
  if (!changed.empty()) {
    error.message += "\nalready changed by the steps before: " + util::join(changed, ", ");
  }
  // Nothing changed yet and not interrupted: the error alone says all.
  if (changed.empty() && !interrupted) {
    return error;
  }
  std::vector<std::string> not_run;
  for (std::size_t i = first_not_run; i < plan.steps.size(); ++i) {
    not_run.push_back(std::to_string(i + 1) + " (" + plan.steps[i].description + ")");
  }
  if (!not_run.empty()) {
    error.message += "\nnot run: step " + util::join(not_run, ", ");
  } else if (interrupted && !cut_short) {
    error.message += "\nevery step had run";
  }
  return error;
}

// What each step kind needs that the executor was not given: known before the first change.
util::Result<void> check_services(const core::plan::Plan& plan, const RealExecutorOptions& options)
{
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& action = plan.steps[i].action;
    const std::string where = "step " + std::to_string(i + 1) + " (" + plan.steps[i].description + ")";
    if (std::holds_alternative<InstallBinary>(action) && (options.http == nullptr || options.progress == nullptr)) {
      missing.push_back(where + ": no HTTP client to download with");
    } else if ((std::holds_alternative<KubeRequest>(action) || std::holds_alternative<Wait>(action)) &&
               options.kube == nullptr) {
      missing.push_back(where + ": no Kubernetes API to talk to");
    }
  }
  if (missing.empty()) {
    return {};
  }
  return util::failure(util::join(missing, "\n"), "this plan is devk8s's mistake: please report it; nothing was changed");
}

} // namespace

RealExecutor::RealExecutor(ports::FileSystem& fs, ports::ProcessRunner& runner, ports::Reporter& reporter,
                           RealExecutorOptions options)
  : m_fs(fs),
    m_runner(runner),
    m_reporter(reporter),
    m_options(std::move(options)),
    m_cancel(m_options.cancel != nullptr ? *m_options.cancel : util::process_cancel_token())
{
  if (!m_options.clock.now) {
    m_options.clock.now = [] { return std::chrono::steady_clock::now(); };
  }
  if (!m_options.clock.sleep) {
    const util::CancelToken* cancel = &m_cancel;
    m_options.clock.sleep = [cancel](std::chrono::milliseconds duration) { cancel->sleep_for(duration); };
  }
}

util::Result<void> RealExecutor::apply(const core::plan::Step& step)
{
  if (const auto* write = std::get_if<WriteFile>(&step.action)) {
    return m_fs.write_file_atomic(write->path, write->content, write->backup);
  }
  if (const auto* install = std::get_if<InstallBinary>(&step.action)) {
    BinaryInstaller installer(m_fs, *m_options.http, m_runner, *m_options.progress, m_options.tty, m_cancel);
    return installer.install(*install);
  }
  if (const auto* request = std::get_if<KubeRequest>(&step.action)) {
    return apply_kube_request(*request, *m_options.kube, m_reporter);
  }
  if (const auto* wait = std::get_if<Wait>(&step.action)) {
    return apply_wait(*wait, *m_options.kube, m_reporter, m_cancel, m_options.clock);
  }
  return apply_command(std::get<RunCommand>(step.action), m_runner, m_reporter);
}

util::Result<void> RealExecutor::execute(const core::plan::Plan& plan)
{
  // Everything that can be known before the first change is checked before it.
  if (auto ok = check_plan(plan, m_fs); !ok) {
    return ok;
  }
  if (auto ok = check_services(plan, m_options); !ok) {
    return ok;
  }
  std::vector<std::string> changed;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    const std::string where = "step " + std::to_string(i + 1) + " (" + step.description + ")";
    if (m_cancel.cancelled()) {
      return after(util::interrupted("stopped before " + where), changed, plan, i);
    }
    if (auto ok = apply(step); !ok) {
      auto error = ok.error();
      // However the step reported it (a download's words, an HTTP error), a step that ended
      // because of Ctrl-C was interrupted.
      if (m_cancel.cancelled() && error.code != util::ExitCode::interrupted) {
        error = util::interrupted(error.message, error.hint);
      }
      const bool cut_short = error.code == util::ExitCode::interrupted;
      return after(error.wrap(where), changed, plan, i + 1, cut_short);
    }
    if (auto what = changed_by(step.action)) {
      changed.push_back(std::move(*what));
    }
    m_reporter.info(step.description);
  }
  return {};
}

util::Result<void> DryRunExecutor::execute(const core::plan::Plan& plan)
{
  // The same check as a real run: a plan that would fail before its first step fails here too.
  if (auto ok = check_plan(plan, m_fs); !ok) {
    return ok;
  }
  if (m_format == PlanFormat::json) {
    // A path that is not UTF-8 is shown as U+FFFD rather than failing the dump, as in every JSON devk8s prints.
    m_out << core::plan::to_json(plan).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    m_out << core::plan::render_text(plan, m_with_previews);
  }
  return {};
}

std::unique_ptr<Executor> make_executor(ports::FileSystem& fs, ports::ProcessRunner& runner, ports::Reporter& reporter,
                                        std::ostream& plan_out, ExecutorChoice choice)
{
  if (choice.dry_run) {
    return std::make_unique<DryRunExecutor>(fs, plan_out, choice.with_previews, choice.format);
  }
  return std::make_unique<RealExecutor>(fs, runner, reporter, std::move(choice.real));
}

} // namespace devk8s::exec
