#include "cli/install_check.hpp"

#include "cli/installed_tools.hpp"
#include "cli/json_text.hpp"
#include "core/install/release_text.hpp"
#include "util/shell_quote.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>

namespace devk8s::cli {

namespace {

using core::install::Tool;

struct Found {
  std::string path;
  std::optional<core::Version> version;
  std::string problem;
};

// PATH first (what a shell runs), then ~/.local/bin (where devk8s installs by default).
Found locate(Context& ctx, Tool tool)
{
  const std::string name(core::install::to_string(tool));
  Found found;
  found.path = find_on_path(ctx, name);
  if (found.path.empty()) {
    if (const auto home = ctx.env.get("HOME"); home && !home->empty()) {
      const std::string candidate = *home + "/.local/bin/" + name;
      if (ctx.adapters.fs.kind(candidate) == ports::FileKind::regular) {
        found.path = candidate;
      }
    }
  }
  if (found.path.empty()) {
    found.problem = "not installed";
    return found;
  }
  auto version = binary_version(ctx, found.path, tool);
  if (version) {
    found.version = *version;
  } else {
    found.problem = version.error().message;
  }
  return found;
}

// A column of ten, and always a space after it ("v1.32.4-dispatcher" is longer).
std::string column(const std::string& text)
{
  return text + std::string(text.size() < 9 ? 10 - text.size() : 1, ' ');
}

void row(std::ostream& out, const std::string& what, const Found& found)
{
  out << column(what) << column(found.version ? found.version->str() : "-")
      << (found.path.empty() ? found.problem : found.path + (found.version ? "" : " (" + found.problem + ")")) << '\n';
}

nlohmann::ordered_json tool_json(const Found& found)
{
  nlohmann::ordered_json j;
  j["installed"] = !found.path.empty();
  j["path"] = found.path.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(found.path);
  j["version"] = found.version ? nlohmann::ordered_json(found.version->str()) : nlohmann::ordered_json(nullptr);
  if (!found.problem.empty()) {
    j["problem"] = found.problem;
  }
  return j;
}

} // namespace

util::Result<util::ExitCode> run_install_check(Context& ctx, const std::string& profile, const KubeOptions& kube,
                                               const std::string& output)
{
  const Found minikube = locate(ctx, Tool::minikube);
  const Found kubectl = locate(ctx, Tool::kubectl);
  const auto cluster = cluster_version(ctx, kubectl.path, minikube.path, profile, kube);

  std::vector<std::string> advice;
  std::optional<core::install::KubectlAdvice> skew;
  if (!minikube.version) {
    advice.push_back("install minikube: devk8s install minikube");
  }
  if (!kubectl.version) {
    advice.push_back(std::string("install kubectl: devk8s install kubectl") + (cluster ? " --match-cluster" : ""));
  } else if (cluster) {
    skew = core::install::advise_kubectl(*kubectl.version, cluster->version);
    if (!skew->within_skew) {
      // Replace the kubectl the shell runs, where it is; installing elsewhere would leave it first on PATH.
      const std::string dir = kubectl.path.substr(0, kubectl.path.rfind('/'));
      // The advice is pasted into a shell: the directory quoted, and the cluster chosen the same way.
      std::string command = "devk8s install kubectl --match-cluster --dir " + util::shell_quote(dir) + " --force";
      if (!kube.kubeconfig.empty()) {
        command += " --kubeconfig " + util::shell_quote(kube.kubeconfig);
      }
      if (!kube.context.empty()) {
        command += " --context " + util::shell_quote(kube.context);
      }
      if (profile != "minikube") {
        command += " -p " + util::shell_quote(profile);
      }
      advice.push_back("install kubectl " + skew->recommended.str() + ": " + command);
    }
  }
  const auto code = advice.empty() ? util::ExitCode::ok : util::ExitCode::failure;

  auto& out = ctx.streams.out;
  if (output == "json") {
    nlohmann::ordered_json j;
    j["minikube"] = tool_json(minikube);
    j["kubectl"] = tool_json(kubectl);
    if (cluster) {
      j["cluster"] = {{"version", cluster->version.str()}, {"from", cluster->from}};
    } else {
      j["cluster"] = {{"version", nullptr}, {"problem", cluster.error().message}};
    }
    if (skew) {
      j["kubectl_skew"] = {{"within", skew->within_skew}, {"recommended", skew->recommended.str()}, {"message", skew->message}};
    }
    j["recommended"] = advice;
    out << json_text(j) << '\n';
    return code;
  }
  row(out, "minikube", minikube);
  row(out, "kubectl", kubectl);
  if (cluster) {
    out << column("cluster") << column(cluster->version.str()) << "(from " << cluster->from << ")\n";
  } else {
    out << column("cluster") << column("-") << cluster.error().message << '\n';
  }
  if (skew) {
    out << '\n' << skew->message << '\n';
  }
  for (const auto& line : advice) {
    out << "recommended: " << line << '\n';
  }
  if (advice.empty()) {
    out << "nothing to do\n";
  }
  return code;
}

} // namespace devk8s::cli
