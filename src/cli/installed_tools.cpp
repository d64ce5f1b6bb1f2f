#include "cli/installed_tools.hpp"

#include "core/install/release_text.hpp"
#include "core/kube/version_info.hpp"
#include "core/preflight/tool_output.hpp"
#include "util/strings.hpp"

namespace devk8s::cli {

namespace {

constexpr std::chrono::seconds k_tool_timeout{10};

} // namespace

std::vector<std::string> version_args(core::install::Tool tool)
{
  // minikube version -o json (cmd/minikube/cmd/version.go); kubectl version --client -o json.
  if (tool == core::install::Tool::kubectl) {
    return {"version", "--client", "-o", "json"};
  }
  return {"version", "-o", "json"};
}

std::string find_on_path(Context& ctx, const std::string& name)
{
  const std::string path_var = ctx.env.get("PATH").value_or(""); // split() returns views into it
  for (const auto dir : util::split(path_var, ':')) {
    if (dir.empty()) {
      continue;
    }
    const std::string path = std::string(dir) + "/" + name;
    if (ctx.adapters.fs.kind(path) == ports::FileKind::regular) {
      return path;
    }
  }
  return {};
}

bool on_path(Context& ctx, const std::string& dir)
{
  std::string wanted = dir;
  while (wanted.size() > 1 && wanted.back() == '/') {
    wanted.pop_back();
  }
  const std::string path_var = ctx.env.get("PATH").value_or("");
  for (const auto entry : util::split(path_var, ':')) {
    std::string e(entry);
    while (e.size() > 1 && e.back() == '/') {
      e.pop_back();
    }
    if (e == wanted) {
      return true;
    }
  }
  return false;
}

util::Result<core::Version> binary_version(Context& ctx, const std::string& path, core::install::Tool tool)
{
  ports::Command command;
  command.argv = {path};
  const auto args = version_args(tool);
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  command.timeout = k_tool_timeout;
  DEVK8S_TRY(const auto result, ctx.adapters.runner.run(command));
  if (result.timed_out) {
    return util::failure(path + " did not answer its version command in time");
  }
  auto version = tool == core::install::Tool::kubectl ? core::preflight::parse_kubectl_client_version_json(result.out)
                                                      : core::preflight::parse_minikube_version_json(result.out);
  if (!version) {
    return util::failure(path + ": " + (result.err.empty() ? version.error().message : std::string(util::first_line(result.err))));
  }
  return *version;
}

namespace {

// The API server's own /version: needs neither kubectl (often what is being installed) nor
// minikube. Empty when no kubeconfig exists; then the tools are asked quietly.
util::Result<std::optional<ClusterVersion>> api_server_version(Context& ctx, const KubeOptions& kube)
{
  DEVK8S_TRY(const auto access, load_cluster_access(ctx, kube));
  if (!access) {
    return std::optional<ClusterVersion>{};
  }
  DEVK8S_TRY(const auto api, ctx.adapters.kube.connect(*access));
  DEVK8S_TRY(const auto body, api->get("/version"));
  auto version = core::kube::parse_version_info(body);
  if (!version) {
    return version.error().wrap(api->server() + "/version");
  }
  return std::optional<ClusterVersion>(ClusterVersion{*version, "the API server at " + api->server()});
}

} // namespace

util::Result<ClusterVersion> cluster_version(Context& ctx, const std::string& kubectl, const std::string& minikube,
                                             const std::string& profile, const KubeOptions& kube)
{
  std::vector<std::string> why;
  auto from_api = api_server_version(ctx, kube);
  if (from_api && *from_api) {
    return **from_api;
  }
  if (!from_api) {
    why.push_back("API server: " + from_api.error().message);
  }
  // kubectl after the API: its kubeconfig may authenticate with an exec plugin devk8s does not run.
  if (!kubectl.empty()) {
    ports::Command command{{kubectl, "version", "-o", "json", "--request-timeout=5s"}, {}, k_tool_timeout, {}, {}, {}};
    if (!kube.kubeconfig.empty()) {
      command.argv.push_back("--kubeconfig=" + kube.kubeconfig);
    }
    if (!kube.context.empty()) {
      command.argv.push_back("--context=" + kube.context);
    }
    auto result = ctx.adapters.runner.run(command);
    if (result) {
      // kubectl exits 1 when the server is unreachable but still prints the client part.
      auto version = core::install::parse_kubectl_server_version_json(result->out);
      if (version) {
        return ClusterVersion{*version, "kubectl version"};
      }
      why.push_back("kubectl: " + (result->err.empty() ? version.error().message : std::string(util::first_line(result->err))));
    } else {
      why.push_back("kubectl: " + result.error().message);
    }
  } else {
    why.push_back("kubectl: not installed");
  }
  if (!minikube.empty()) {
    ports::Command command{{minikube, "profile", "list", "-o", "json"}, {}, k_tool_timeout, {}, {}, {}};
    auto result = ctx.adapters.runner.run(command);
    if (result) {
      auto version = core::install::parse_minikube_profile_version(result->out, profile);
      if (version) {
        return ClusterVersion{*version, "minikube profile " + profile};
      }
      why.push_back("minikube: " + version.error().message);
    } else {
      why.push_back("minikube: " + result.error().message);
    }
  } else {
    why.push_back("minikube: not installed");
  }
  return util::failure("cannot read the cluster's version: " + util::join(why, "; "),
                       "start the cluster (minikube start), or pass --version V");
}

} // namespace devk8s::cli
