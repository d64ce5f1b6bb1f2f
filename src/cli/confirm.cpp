#include "cli/confirm.hpp"

#include "util/cancel.hpp"

#include <poll.h>
#include <unistd.h>

namespace devk8s::cli {

util::Result<void> confirm_question(Context& ctx, const std::string& question, const std::string& what,
                                    const std::string& hint)
{
  if (!ctx.streams.in_is_tty || !ctx.streams.err_is_tty) {
    return util::usage_error(what + ", and there is no terminal to confirm on", hint);
  }
  ctx.streams.err << question << " [y/N] " << std::flush;
  // Ctrl-C must end the question too: SIGINT restarts a blocked read, so wait for either.
  const auto& token = util::process_cancel_token();
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {token.fd(), POLLIN, 0}};
  while (!token.cancelled() && ::poll(fds, token.fd() >= 0 ? 2 : 1, 200) == 0) {
  }
  if (token.cancelled()) {
    ctx.streams.err << "\n";
    return util::interrupted("not confirmed; nothing was changed");
  }
  std::string answer;
  std::getline(ctx.streams.in, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") {
    return util::failure("not confirmed; nothing was changed");
  }
  return {};
}

util::Result<void> confirm_plan(Context& ctx, const core::plan::Plan& plan, const std::string& command)
{
  return confirm_question(ctx,
                          core::plan::render_text(plan, false) + "Apply these " + std::to_string(plan.steps.size()) +
                              " steps?",
                          command + " changes the cluster", "add --yes to apply the plan, or --dry-run to print it");
}

} // namespace devk8s::cli
