// minikube and kubectl on PATH and their versions; kubectl's skew against the Kubernetes version
// minikube will install (minikube warns when the minor differs by more than 1), and the kernel.
#include "core/preflight/rules/rules.hpp"

namespace devk8s::core::preflight::rules {

namespace {

Finding tool_problem(const ToolFacts& tool, Severity severity, const std::string& install)
{
  switch (tool.state) {
  case ToolState::missing:
    return about_host("tool." + tool.name, severity, tool.name, tool.name + " is not on PATH", {"not found", "PATH"},
                      install);
  case ToolState::timed_out:
    return about_host("tool." + tool.name, severity, tool.name, tool.name + " did not answer: " + tool.detail,
                      {"timed out", tool.command}, "check that " + tool.name + " runs: " + tool.command);
  case ToolState::failed:
  case ToolState::found:
    break;
  }
  return about_host("tool." + tool.name, severity, tool.name,
                    tool.name + " is on PATH but its version is unreadable: " + tool.detail, {"unreadable", tool.command},
                    "reinstall " + tool.name);
}

} // namespace

std::optional<minikube::Capabilities> minikube_capabilities(const HostFacts& facts)
{
  if (!facts.minikube.version) {
    return std::nullopt;
  }
  return minikube::capabilities_of(*facts.minikube.version);
}

std::string install_command(const StartRequest& request, const std::string& tool)
{
  const bool cn = request.mirror && (request.mirror->name == "cn" || request.mirror->minikube.image_mirror_country == "cn");
  return "devk8s install " + tool + (cn ? " --mirror cn" : "");
}

Findings check_versions(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  const ToolFacts& minikube = facts.minikube;
  if (minikube.state == ToolState::found && minikube.version) {
    out.push_back(about_host("tool.minikube", Severity::ok, "minikube", "minikube " + minikube.version->str(),
                             {minikube.version->str(), minikube.command}, ""));
  } else {
    out.push_back(tool_problem(minikube, Severity::fail, install_command(request, "minikube")));
  }

  const ToolFacts& kubectl = facts.kubectl;
  if (kubectl.state != ToolState::found || !kubectl.version) {
    out.push_back(tool_problem(kubectl, Severity::warn,
                               install_command(request, "kubectl") + ", or use the matching one: minikube kubectl -- get pods -A"));
  } else {
    const auto cluster = planned_kubernetes_version(facts, request);
    const Evidence evidence{kubectl.version->str(), kubectl.command};
    if (!cluster) {
      out.push_back(about_host("tool.kubectl", Severity::ok, "kubectl",
                               "kubectl " + kubectl.version->str() + " (skew not checked: pass --kubernetes-version)",
                               evidence, ""));
    } else if (minor_skew(*kubectl.version, *cluster) > 1) {
      out.push_back(about_host("tool.kubectl", Severity::warn, "kubectl",
                               "kubectl " + kubectl.version->str() + " may have incompatibilities with Kubernetes " +
                                   cluster->str() + " (more than one minor version apart)",
                               evidence, "use the matching kubectl: minikube kubectl -- get pods -A"));
    } else {
      out.push_back(about_host("tool.kubectl", Severity::ok, "kubectl",
                               "kubectl " + kubectl.version->str() + " is within one minor version of Kubernetes " +
                                   cluster->str(),
                               evidence, ""));
    }
  }

  if (facts.kernel.known()) {
    out.push_back(about_host("kernel", Severity::ok, "kernel", "Linux " + *facts.kernel.value,
                             {*facts.kernel.value, facts.kernel.source}, ""));
  } else {
    out.push_back(about_host("kernel", Severity::warn, "kernel",
                             "cannot read the kernel version: " + facts.kernel.reason, {"unknown", ""}, ""));
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
