#include "core/plan/wait_condition.hpp"
#include "exec/steps.hpp"

#include <string>

namespace devk8s::exec {

namespace {

using std::chrono::milliseconds;

std::string pending_lines(const core::plan::WaitStatus& status)
{
  std::string text;
  for (const auto& object : status.pending) {
    text += "\n  " + object.name + ": " + object.state;
  }
  return text;
}

std::string seconds(milliseconds duration)
{
  return std::to_string(duration.count() / 1000) + " s";
}

} // namespace

util::Result<void> apply_wait(const core::plan::Wait& wait, ports::KubeApi& kube, ports::Reporter& reporter,
                              const util::CancelToken& cancel, const WaitClock& clock)
{
  const auto& condition = wait.condition;
  const auto started = clock.now();
  const std::string what = core::plan::describe(condition);
  core::plan::WaitStatus last;
  std::string last_error;
  const auto stop = [&](util::Error error) -> util::Result<void> {
    reporter.status("");
    return error;
  };
  for (;;) {
    if (cancel.cancelled()) {
      return stop(util::interrupted("stopped waiting for " + what + pending_lines(last)));
    }
    // A failed poll is not the end: the API server restarts while minikube starts, and a wait
    // is what rides that out. The deadline bounds it; its error keeps the last failure.
    auto listed = kube.list(core::plan::list_path(condition), ports::KubeListOptions{condition.label_selector, {}, 500});
    const auto elapsed = std::chrono::duration_cast<milliseconds>(clock.now() - started);
    if (listed) {
      last = core::plan::evaluate(condition, std::move(listed->items));
      last_error.clear();
      if (last.done) {
        reporter.status("");
        return {};
      }
      reporter.status(core::plan::status_line(condition, last, elapsed));
    } else {
      last_error = listed.error().message;
      reporter.status("waiting for " + what + " (" + seconds(elapsed) + "): " + last_error);
    }
    if (elapsed >= wait.timeout) {
      std::string message = "timed out after " + seconds(wait.timeout) + " waiting for " + what;
      if (!last_error.empty()) {
        message += "; the last poll failed: " + last_error;
      }
      if (!last.pending.empty()) {
        message += "; still pending:" + pending_lines(last);
      }
      return stop(util::failure(message, "kubectl describe " + std::string(core::plan::to_string(condition.kind)) +
                                             (condition.namespace_name.empty() ? " -A" : " -n " + condition.namespace_name) +
                                             " shows their events"));
    }
    clock.sleep(std::min(wait.interval, wait.timeout - elapsed));
  }
}

} // namespace devk8s::exec
