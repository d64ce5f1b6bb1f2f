// `minikube ssh [-n NODE] -- CMD...` and `minikube image ls|pull|tag`. ssh joins its arguments
// with spaces and the node's bash runs the line (minikube.md §5); a PTY is always requested, so
// the remote stdout and stderr arrive together on minikube's stdout, and a non-zero remote exit
// makes minikube exit 1. `image pull|tag` exist from v1.23.0 (#12326), `image ls --format json`
// from v1.25.0 (#12996); older versions answer as cobra does for an unknown subcommand.
#include "commands.hpp"

#include "image_name.hpp"
#include "image_store.hpp"
#include "node_shell.hpp"

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
  const std::string node = inv.get("node", "minikube");
  if (node != "minikube" && node != "m01") {
    ctx.err << "\nX Exiting due to GUEST_NODE_RETRIEVE: Could not find node " << node << "\n\n";
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
  const int rc = run_in_node(state, line, output);
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
  if (verb == "ls") {
    if (inv.has("format") && !ctx.profile.image_ls_json) {
      ctx.err << "Error: unknown flag: --format\nSee 'minikube image ls --help' for usage.\n";
      return k_ex_program_usage;
    }
    if (inv.get("format") == "json") {
      json out = json::array();
      for (const auto& image : state["node"]["images"]) {
        out.push_back({{"id", image["id"].get<std::string>().substr(7)}, {"repoDigests", image["repo_digests"]},
                       {"repoTags", image["repo_tags"]}, {"size", std::to_string(image["size"].get<long>())}});
      }
      ctx.out << out.dump() << "\n";
      return 0;
    }
    std::vector<std::string> names;
    for (const auto& image : state["node"]["images"]) {
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
  if (verb == "pull" && inv.words.size() == 3) {
    if (auto error = pull_image(state, inv.words[2])) {
      ctx.err << "\nX Exiting due to GUEST_IMAGE_PULL: Failed to pull image: pull image " << inv.words[2]
              << ": Error response from daemon: " << *error << "\n\n";
      return 80;
    }
    ctx.state.save();
    return 0;
  }
  if (verb == "tag" && inv.words.size() == 4) {
    const std::string runtime = state["minikube"]["profile"].value("container_runtime", "docker");
    if (auto error = tag_image(state, inv.words[2], inv.words[3])) {
      ctx.err << "\nX Exiting due to GUEST_IMAGE_TAG: Failed to tag images: " << runtime << " tag: " << *error << "\n\n";
      return 80;
    }
    ctx.state.save();
    return 0;
  }
  ctx.err << "\nX Exiting due to MK_USAGE: the simulation implements image ls, pull IMAGE and tag SOURCE TARGET\n\n";
  return k_ex_program_usage;
}

} // namespace devk8s::sim
