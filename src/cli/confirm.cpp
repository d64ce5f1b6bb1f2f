#include "cli/confirm.hpp"

#include "util/cancel.hpp"

#include <poll.h>
#include <unistd.h>

namespace devk8s::cli {

util::Result<void> confirm_plan(Context& ctx, const core::plan::Plan& plan, const std::string& command)
{
  if (!ctx.streams.in_is_tty || !ctx.streams.err_is_tty) {
    return util::usage_error(command + " changes the cluster, and there is no terminal to confirm on",
                             "add --yes to apply the plan, or --dry-run to print it");
  }
  ctx.streams.err << core::plan::render_text(plan, false) << "Apply these " << plan.steps.size()
                  << " steps? [y/N] " << std::flush;
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

} // namespace devk8s::cli
