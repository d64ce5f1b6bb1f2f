#include "app/tools.hpp"

#include "core/install/dpkg_query.hpp"
#include "core/install/release_text.hpp"
#include "core/install/version_command.hpp"
#include "core/kube/version_info.hpp"
#include "core/preflight/tool_output.hpp"
#include "util/strings.hpp"

namespace devk8s::app {

namespace {

constexpr std::chrono::seconds k_tool_timeout{10};

} // namespace

std::string find_on_path(ports::FileSystem& fs, const std::string& search_path, const std::string& name)
{
  for (const auto dir : util::split(search_path, ':')) {
    if (dir.empty()) {
      continue;
    }
    const std::string path = std::string(dir) + "/" + name;
    if (fs.kind(path) == ports::FileKind::regular) {
      return path;
    }
  }
  return {};
}

bool on_path(const std::string& search_path, const std::string& dir)
{
  std::string wanted = dir;
  while (wanted.size() > 1 && wanted.back() == '/') {
    wanted.pop_back();
  }
  for (const auto entry : util::split(search_path, ':')) {
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

std::string package_owner(ports::ProcessRunner& runner, const std::string& path)
{
  // dpkg-query, not dpkg's files under /var/lib/dpkg: the database's layout is dpkg's own
  // (lintian: uses-dpkg-database-directly). A host without dpkg, or a dpkg-query that fails or
  // hangs, tells nothing, and only the directory rule below applies.
  ports::Command command;
  command.argv = {"dpkg-query", "--search", core::install::dpkg_search_argument(path)};
  command.env = {{"LC_ALL", "C"}}; // its diversion lines are translated; the owner line is not
  command.timeout = k_tool_timeout;
  if (const auto result = runner.run(command); result && !result->timed_out && result->exit_code == 0) {
    const auto owners = core::install::dpkg_search_owners(result->out, path);
    if (!owners.empty()) {
      std::string names;
      for (const auto& owner : owners) {
        names += (names.empty() ? "" : ", ") + util::quoted(owner);
      }
      return path + " belongs to the dpkg package" + (owners.size() == 1 ? " " : "s ") + names;
    }
  }
  const std::string dir = path.substr(0, path.rfind('/'));
  for (const char* system : {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
    if (dir == system) {
      return path + " is in " + dir + ", which belongs to the system's package manager";
    }
  }
  return {};
}

util::Result<core::Version> binary_version(ports::ProcessRunner& runner, const std::string& path,
                                           core::install::Tool tool)
{
  ports::Command command;
  command.argv = {path};
  auto version_command = core::install::version_command(tool);
  command.argv.insert(command.argv.end(), version_command.args.begin(), version_command.args.end());
  command.env = std::move(version_command.env);
  command.timeout = k_tool_timeout;
  DEVK8S_TRY(const auto result, runner.run(command));
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
util::Result<std::optional<ClusterVersion>> api_server_version(const Ports& ports, const KubeOptions& kube)
{
  DEVK8S_TRY(const auto access, load_cluster_access(ports.fs, kube));
  if (!access) {
    return std::optional<ClusterVersion>{};
  }
  if (access->exec) {
    // A check runs no one's code: connecting would run the user's credential plugin.
    return util::failure("not asked: user " + util::quoted(access->user) + " gets its credentials from exec " +
                         util::quoted(access->exec->command) + ", which a check does not run");
  }
  DEVK8S_TRY(const auto api, ports.kube.connect(*access));
  DEVK8S_TRY(const auto body, api->get("/version"));
  auto version = core::kube::parse_version_info(body);
  if (!version) {
    return version.error().wrap(api->server() + "/version");
  }
  return std::optional<ClusterVersion>(ClusterVersion{*version, "the API server at " + api->server()});
}

// Why kubectl must not be handed this kubeconfig, or "": its user runs a program named in the
// file (an exec or auth-provider plugin), and a check runs no one's code unasked. A file that
// cannot be read cannot be vouched for either.
std::string kubectl_must_not_run(ports::FileSystem& fs, const KubeOptions& kube)
{
  if (kube.allow_exec_plugin) {
    return {};
  }
  const auto plugin = kubeconfig_plugin(fs, kube);
  if (!plugin) {
    return "the kubeconfig cannot be read, so whether kubectl would run a credential plugin from it is unknown "
           "(--allow-exec-plugin lets it)";
  }
  if (!*plugin) {
    return {};
  }
  const auto& p = **plugin;
  return p.file + ": user " + util::quoted(p.user) + " authenticates with " + p.kind +
         (p.command.empty() ? "" : " " + util::quoted(p.command)) +
         ", a program kubectl would run (--allow-exec-plugin lets it)";
}

} // namespace

util::Result<ClusterVersion> cluster_version(const Ports& ports, const ClusterVersionQuery& query,
                                             ports::Reporter& reporter)
{
  const auto& [kubectl, minikube, profile, kube] = query;
  std::vector<std::string> why;
  // Each source that does not answer, as it happens, at -v: which cluster a version came from
  // matters as much as the version.
  const auto tried = [&](std::string line) {
    reporter.detail("cluster version: " + line);
    why.push_back(std::move(line));
  };
  auto from_api = api_server_version(ports, kube);
  if (from_api && *from_api) {
    return **from_api;
  }
  if (!from_api) {
    tried("API server: " + from_api.error().message);
  }
  if (kubectl.empty()) {
    tried("kubectl: not installed");
  } else if (auto skip = kubectl_must_not_run(ports.fs, kube); !skip.empty()) {
    tried("kubectl: not run: " + skip);
  } else {
    // kubectl after the API: its kubeconfig may authenticate with an exec plugin devk8s does not run.
    ports::Command command{{kubectl, "version", "-o", "json", "--request-timeout=5s"}, {}, k_tool_timeout, {}, {}, {}};
    if (!kube.kubeconfig.empty()) {
      command.argv.push_back("--kubeconfig=" + kube.kubeconfig);
    }
    if (!kube.context.empty()) {
      command.argv.push_back("--context=" + kube.context);
    }
    auto result = ports.runner.run(command);
    if (result) {
      // kubectl exits 1 when the server is unreachable but still prints the client part.
      auto version = core::install::parse_kubectl_server_version_json(result->out);
      if (version) {
        return ClusterVersion{*version, "kubectl version"};
      }
      tried("kubectl: " + (result->err.empty() ? version.error().message : std::string(util::first_line(result->err))));
    } else {
      tried("kubectl: " + result.error().message);
    }
  }
  if (kube.named()) {
    // minikube's profile list knows nothing of kubeconfigs: its answer would be another cluster's.
    tried(std::string("minikube: not asked: ") + (kube.kubeconfig.empty() ? "--context" : "--kubeconfig") +
          " names the cluster, and minikube's profile may be another one");
    return util::failure("cannot read the version of the cluster " +
                             (kube.kubeconfig.empty() ? "--context " + util::quoted(kube.context)
                                                      : "--kubeconfig " + util::quoted(kube.kubeconfig)) +
                             " names: " + util::join(why, "; "),
                         "check --kubeconfig/--context (kubectl config get-contexts lists the contexts), or drop "
                         "them to use the default cluster");
  }
  if (minikube.empty()) {
    tried("minikube: not installed");
  } else {
    ports::Command command{{minikube, "profile", "list", "-o", "json"}, {}, k_tool_timeout, {}, {}, {}};
    auto result = ports.runner.run(command);
    if (result) {
      auto version = core::install::parse_minikube_profile_version(result->out, profile);
      if (version) {
        return ClusterVersion{*version, "minikube profile " + profile};
      }
      tried("minikube: " + version.error().message);
    } else {
      tried("minikube: " + result.error().message);
    }
  }
  return util::failure("cannot read the cluster's version: " + util::join(why, "; "),
                       "start the cluster (minikube start), or pass --version V");
}

} // namespace devk8s::app
