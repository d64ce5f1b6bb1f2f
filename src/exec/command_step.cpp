#include "exec/line_stream.hpp"
#include "exec/steps.hpp"
#include "util/shell_quote.hpp"

#include <algorithm>

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
  const std::string command = util::shell_join(run.argv);
  if (result.cancelled) {
    auto error = util::interrupted(command + " was stopped");
    error.output = std::move(output);
    return error;
  }
  const std::string why = result.timed_out ? "timed out" : "exit status " + std::to_string(result.exit_code);
  auto error = util::failure(command + ": " + why);
  error.output = std::move(output);
  if (!result.timed_out) {
    error.exit_status = result.exit_code;
  }
  return error;
}

} // namespace

util::Result<void> apply_command(const core::plan::RunCommand& run, ports::ProcessRunner& runner, ports::Reporter& reporter)
{
  ports::Command command{run.argv, run.env, run.timeout, run.stdin_data, {}, {}};
  // One stream per pipe: a line is only whole within its own pipe.
  bool progress_shown = false;
  const auto to_line = [&](std::string_view line) { reporter.output(run.stream_as, line); };
  const auto to_progress = [&](std::string_view text) {
    reporter.status(run.stream_as + ": " + std::string(text));
    progress_shown = true;
  };
  LineStream out(to_line, to_progress);
  LineStream err(to_line, to_progress);
  if (!run.stream_as.empty()) {
    command.on_stdout = [&out](std::string_view chunk) { out.feed(chunk); };
    command.on_stderr = [&err](std::string_view chunk) { err.feed(chunk); };
  }
  auto result = runner.run(command);
  if (!run.stream_as.empty()) {
    out.finish();
    err.finish();
  }
  if (progress_shown) {
    reporter.status("");
  }
  if (!result) {
    return result.error();
  }
  const auto& codes = run.accepted_exit_codes;
  if (result->cancelled || result->timed_out ||
      std::find(codes.begin(), codes.end(), result->exit_code) == codes.end()) {
    return run_error(run, *result);
  }
  return {};
}

} // namespace devk8s::exec
