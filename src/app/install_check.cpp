#include "app/install_check.hpp"

#include "util/shell_quote.hpp"
#include "util/strings.hpp"

namespace devk8s::app {

namespace {

using core::install::Tool;

// PATH first (what a shell runs), then ~/.local/bin (where devk8s installs by default).
FoundTool locate(const Ports& ports, const InstallCheckOptions& options, Tool tool)
{
  const std::string name(core::install::to_string(tool));
  FoundTool found;
  found.path = find_on_path(ports.fs, options.search_path, name);
  if (found.path.empty() && !options.home.empty()) {
    const std::string candidate = options.home + "/.local/bin/" + name;
    if (ports.fs.kind(candidate) == ports::FileKind::regular) {
      found.path = candidate;
    }
  }
  if (found.path.empty()) {
    found.problem = "not installed";
    return found;
  }
  auto version = binary_version(ports.runner, found.path, tool);
  if (version) {
    found.version = *version;
  } else {
    found.problem = version.error().message;
  }
  return found;
}

// Whether `first` comes before `second` among PATH's entries (trailing slashes ignored).
bool earlier_on_path(const std::string& search_path, const std::string& first, const std::string& second)
{
  const auto strip = [](std::string dir) {
    while (dir.size() > 1 && dir.back() == '/') {
      dir.pop_back();
    }
    return dir;
  };
  for (const auto entry : util::split(search_path, ':')) {
    const std::string e = strip(std::string(entry));
    if (e == strip(first)) {
      return true;
    }
    if (e == strip(second)) {
      return false;
    }
  }
  return false;
}

// The advice for a kubectl out of skew. Where the shell's kubectl can be replaced, replace it
// there (installing elsewhere would leave it first on PATH); where the system's package manager
// owns it, install into ~/.local/bin instead, which must then come first on PATH.
std::vector<std::string> kubectl_advice(const Ports& ports, const InstallCheckOptions& options, const FoundTool& kubectl,
                                        const core::Version& recommended)
{
  const std::string dir = kubectl.path.substr(0, kubectl.path.rfind('/'));
  const std::string owner = package_owner(ports.runner, kubectl.path);
  // The advice is pasted into a shell: the directory quoted, and the cluster chosen the same way.
  std::string command = "devk8s install kubectl --match-cluster";
  const std::string local_bin = options.home + "/.local/bin";
  if (owner.empty()) {
    command += " --dir " + util::shell_quote(dir) + " --force";
  } else if (!options.home.empty() && ports.fs.kind(local_bin + "/kubectl") == ports::FileKind::regular) {
    command += " --force"; // replaces devk8s's own earlier install there, never the package's
  }
  command += options.kube.flags();
  if (options.profile != "minikube") {
    command += " -p " + util::shell_quote(options.profile);
  }
  std::vector<std::string> advice{"install kubectl " + recommended.str() + ": " + command};
  if (!owner.empty()) {
    std::string path_advice = owner + ": devk8s installs into ~/.local/bin instead";
    if (!earlier_on_path(options.search_path, local_bin, dir)) {
      path_advice += ", which must come first on PATH, before " + dir + ": export PATH=\"$HOME/.local/bin:$PATH\"";
    }
    advice.push_back(path_advice);
  }
  return advice;
}

} // namespace

InstallCheck check_install(const Ports& ports, const InstallCheckOptions& options, ports::Reporter& reporter)
{
  InstallCheck check;
  check.minikube = locate(ports, options, Tool::minikube);
  check.kubectl = locate(ports, options, Tool::kubectl);
  auto cluster = cluster_version(ports, {check.kubectl.path, check.minikube.path, options.profile, options.kube}, reporter);
  if (cluster) {
    check.cluster = *cluster;
  } else {
    check.cluster_problem = cluster.error().message;
  }

  if (!check.minikube.version) {
    check.advice.push_back("install minikube: devk8s install minikube");
  }
  if (!check.kubectl.version) {
    check.advice.push_back(std::string("install kubectl: devk8s install kubectl") + (cluster ? " --match-cluster" : ""));
  } else if (cluster) {
    check.skew = core::install::advise_kubectl(*check.kubectl.version, cluster->version);
    if (!check.skew->within_skew) {
      const auto lines = kubectl_advice(ports, options, check.kubectl, check.skew->recommended);
      check.advice.insert(check.advice.end(), lines.begin(), lines.end());
    }
  }
  // A cluster the user named (--kubeconfig, --context) that cannot be read is a problem found.
  check.problem = !check.advice.empty() || (!cluster && options.kube.named());
  return check;
}

} // namespace devk8s::app
