#include "cli/install_check.hpp"

#include "cli/installed_tools.hpp"
#include "cli/json_text.hpp"
#include "core/install/release_text.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <vector>

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

// The report's three rows: what, its version, where it is or why not.
struct Row {
  std::string what;
  std::string version;
  std::string detail;
};

Row row(const std::string& what, const Found& found)
{
  return {what, found.version ? found.version->str() : "-",
          found.path.empty() ? found.problem : found.path + (found.version ? "" : " (" + found.problem + ")")};
}

// Columns as wide as their longest entry and two spaces (at least ten, as before), so a long
// version such as "v1.32.4-dispatcher" does not push its own row out of line.
void print_rows(std::ostream& out, const std::vector<Row>& rows)
{
  std::size_t what_width = 10;
  std::size_t version_width = 10;
  for (const auto& r : rows) {
    what_width = std::max(what_width, r.what.size() + 2);
    version_width = std::max(version_width, r.version.size() + 2);
  }
  for (const auto& r : rows) {
    out << r.what << std::string(what_width - r.what.size(), ' ') << r.version
        << std::string(version_width - r.version.size(), ' ') << r.detail << '\n';
  }
}

// Whether `first` comes before `second` among PATH's entries (trailing slashes ignored).
bool earlier_on_path(Context& ctx, const std::string& first, const std::string& second)
{
  const auto strip = [](std::string dir) {
    while (dir.size() > 1 && dir.back() == '/') {
      dir.pop_back();
    }
    return dir;
  };
  const std::string path_var = ctx.env.get("PATH").value_or("");
  for (const auto entry : util::split(path_var, ':')) {
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
std::vector<std::string> kubectl_advice(Context& ctx, const Found& kubectl, const core::Version& recommended,
                                        const std::string& profile, const KubeOptions& kube)
{
  const std::string dir = kubectl.path.substr(0, kubectl.path.rfind('/'));
  const std::string owner = package_owner(ctx, kubectl.path);
  // The advice is pasted into a shell: the directory quoted, and the cluster chosen the same way.
  std::string command = "devk8s install kubectl --match-cluster";
  const std::string home = ctx.env.get("HOME").value_or("");
  const std::string local_bin = home + "/.local/bin";
  if (owner.empty()) {
    command += " --dir " + util::shell_quote(dir) + " --force";
  } else if (!home.empty() && ctx.adapters.fs.kind(local_bin + "/kubectl") == ports::FileKind::regular) {
    command += " --force"; // replaces devk8s's own earlier install there, never the package's
  }
  command += kube.flags();
  if (profile != "minikube") {
    command += " -p " + util::shell_quote(profile);
  }
  std::vector<std::string> advice{"install kubectl " + recommended.str() + ": " + command};
  if (!owner.empty()) {
    std::string path_advice = owner + ": devk8s installs into ~/.local/bin instead";
    if (!earlier_on_path(ctx, local_bin, dir)) {
      path_advice += ", which must come first on PATH, before " + dir + ": export PATH=\"$HOME/.local/bin:$PATH\"";
    }
    advice.push_back(path_advice);
  }
  return advice;
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
      const auto lines = kubectl_advice(ctx, kubectl, skew->recommended, profile, kube);
      advice.insert(advice.end(), lines.begin(), lines.end());
    }
  }
  // A cluster the user named (--kubeconfig, --context) that cannot be read is a problem found.
  const bool named_unreadable = !cluster && kube.named();
  const auto code = advice.empty() && !named_unreadable ? util::ExitCode::ok : util::ExitCode::failure;

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
  print_rows(out, {row("minikube", minikube), row("kubectl", kubectl),
                   cluster ? Row{"cluster", cluster->version.str(), "(from " + cluster->from + ")"}
                           : Row{"cluster", "-", cluster.error().message}});
  if (skew) {
    out << '\n' << skew->message << '\n';
  }
  for (const auto& line : advice) {
    out << "recommended: " << line << '\n';
  }
  if (advice.empty() && !named_unreadable) {
    out << "nothing to do\n";
  }
  return code;
}

} // namespace devk8s::cli
