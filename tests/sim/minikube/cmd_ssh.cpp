// `minikube ssh [-n NODE] -- CMD...` and `minikube image ls|pull|tag`. ssh joins its arguments
// with spaces and the node's bash runs the line (minikube.md §5); a PTY is always requested, so
// the remote stdout and stderr arrive together on minikube's stdout, and a non-zero remote exit
// makes minikube exit 1. `image pull|tag` exist from v1.23.0 (#12326), `image ls --format json`
// from v1.25.0 (#12996); older versions answer as cobra does for an unknown subcommand.
#include "commands.hpp"

#include "image_name.hpp"
#include "image_store.hpp"
#include "node_shell.hpp"
#include "pull_errors.hpp"
#include "sim_nodes.hpp"

#include <algorithm>
#include <ostream>

namespace devk8s::sim {
namespace {

using nlohmann::json;

bool running(const json& state)
{
  const json p = state["minikube"].value("profile", json());
  return !p.is_null() && p.value("host", "") == "Running";
}

} // namespace

int cmd_ssh(const Invocation& inv, Context& ctx)
{
  json& state = ctx.state.doc();
  if (!running(state)) {
    return profile_not_found(ctx);
  }
  // cmd/minikube/cmd/ssh.go (v1.20.0): no -n is the primary control plane; otherwise
  // node.Retrieve by config name ("m02") or machine name ("minikube-m02").
  const auto node = inv.has("node") ? resolve_node(state, inv.get("node")) : control_plane(state);
  if (!node) {
    ctx.err << "\nX Exiting due to GUEST_NODE_RETRIEVE: Node " << inv.get("node") << " does not exist.\n\n";
    return k_ex_guest_not_found;
  }
  std::vector<std::string> args(inv.words.begin() + 1, inv.words.end());
  args.insert(args.end(), inv.after_dashes.begin(), inv.after_dashes.end());
  if (args.empty()) {
    ctx.err << "\nX Exiting due to MK_USAGE: the simulated node has no interactive shell; give a command\n\n";
    return k_ex_program_usage;
  }
  std::string line;
  for (const auto& a : args) {
    line += (line.empty() ? "" : " ") + a;
  }
  std::string output;
  const int rc = run_in_node(state, *node, line, output);
  ctx.state.save();
  // Through a PTY, "\n" reaches the client as "\r\n".
  std::string crlf;
  for (const char c : output) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  ctx.out << crlf;
  return rc == 0 ? 0 : 1;
}

int cmd_image(const Invocation& inv, Context& ctx)
{
  json& state = ctx.state.doc();
  const std::string verb = inv.words.size() > 1 ? inv.words[1] : "";
  const bool known = verb == "ls" || verb == "load" || verb == "rm" ||
                     (ctx.profile.image_pull_tag && (verb == "pull" || verb == "tag" || verb == "push" || verb == "save"));
  if (!known) {
    ctx.err << "Error: unknown command \"" << verb << "\" for \"minikube image\"\n"
            << "Run 'minikube image --help' for usage.\n";
    return k_ex_program_usage;
  }
  if (!running(state)) {
    return profile_not_found(ctx);
  }
  if (verb == "load") {
    return image_load(inv, ctx);
  }
  if (verb == "ls") {
    if (inv.has("format") && !ctx.profile.image_ls_json) {
      ctx.err << "Error: unknown flag: --format\nSee 'minikube image ls --help' for usage.\n";
      return k_ex_program_usage;
    }
    // machine.ListImages lists the control plane's runtime.
    const json& images = node_images(state, control_plane(state));
    if (inv.get("format") == "json") {
      json out = json::array();
      for (const auto& image : images) {
        out.push_back({{"id", image["id"].get<std::string>().substr(7)}, {"repoDigests", image["repo_digests"]},
                       {"repoTags", image["repo_tags"]}, {"size", std::to_string(image["size"].get<long>())}});
      }
      ctx.out << out.dump() << "\n";
      return 0;
    }
    std::vector<std::string> names;
    for (const auto& image : images) {
      for (const auto& t : image["repo_tags"]) {
        names.push_back(t.get<std::string>());
      }
    }
    std::sort(names.begin(), names.end(), std::greater<>());
    for (const auto& n : names) {
      ctx.out << n << "\n";
    }
    return 0;
  }
  // machine.PullImages and machine.TagImage work on every node of the profile.
  if (verb == "pull" && inv.words.size() == 3) {
    for (const auto& node : machine_names(state)) {
      if (auto failure = pull_image(state, node, inv.words[2])) {
        const auto runtime = runtime_of(state);
        ctx.err << "\nX Exiting due to GUEST_IMAGE_PULL: Failed to pull image: pull image " << inv.words[2] << ": "
                << (runtime == "docker" ? "Error response from daemon: " + docker_daemon_text(*failure)
                                        : cri_error(runtime, *failure))
                << "\n\n";
        ctx.state.save();
        return 80;
      }
    }
    ctx.state.save();
    return 0;
  }
  if (verb == "tag" && inv.words.size() == 4) {
    for (const auto& node : machine_names(state)) {
      if (!tag_image(state, node, inv.words[2], inv.words[3])) {
        ctx.err << "\nX Exiting due to GUEST_IMAGE_TAG: Failed to tag images: " << runtime_of(state)
                << " tag: No such image: " << inv.words[2] << "\n\n";
        ctx.state.save();
        return 80;
      }
    }
    ctx.state.save();
    return 0;
  }
  ctx.err << "\nX Exiting due to MK_USAGE: the simulation implements image ls, pull IMAGE and tag SOURCE TARGET\n\n";
  return k_ex_program_usage;
}

} // namespace devk8s::sim
