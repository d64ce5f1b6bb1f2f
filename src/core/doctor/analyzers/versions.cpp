// kubectl against the cluster it talks to: kubectl supports one minor version of skew either
// way (https://kubernetes.io/releases/version-skew-policy/#kubectl); beyond it, commands fail
// or misread objects in ways that look like cluster problems.
#include "core/doctor/analyzers/analyzers.hpp"

#include "core/install/release_text.hpp"

namespace devk8s::core::doctor {

void analyze_versions(const Facts& facts, std::vector<Finding>& findings)
{
  if (!facts.kubectl_version || !facts.server_version) {
    return;
  }
  const auto advice = install::advise_kubectl(*facts.kubectl_version, *facts.server_version);
  if (advice.within_skew) {
    return;
  }
  Finding f;
  f.id = "versions.kubectl-skew";
  f.severity = finding::Severity::warn;
  f.subject = finding::Subject::host("kubectl");
  f.message = advice.message;
  f.evidence.push_back({facts.kubectl_version->str(), "kubectl version --client" +
                                                          (facts.kubectl_path.empty() ? std::string() : " (" + facts.kubectl_path + ")")});
  f.evidence.push_back({facts.server_version->str(), "the API server's /version"});
  f.hint = "devk8s install kubectl --match-cluster (kubectl " + advice.recommended.str() + ")";
  findings.push_back(std::move(f));
}

} // namespace devk8s::core::doctor
