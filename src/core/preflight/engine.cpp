#include "core/preflight/engine.hpp"

#include "core/preflight/rules/rules.hpp"

#include <algorithm>

namespace devk8s::core::preflight {

int PreflightReport::count(Severity severity) const
{
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [severity](const Finding& f) { return f.severity == severity; }));
}

PreflightReport run_preflight(const HostFacts& facts, const StartRequest& request)
{
  using Family = rules::Findings (*)(const HostFacts&, const StartRequest&);
  static constexpr Family k_families[] = {
      rules::check_resources, rules::check_cgroups,  rules::check_docker,
      rules::check_user_driver, rules::check_versions, rules::check_mirror_bugs,
  };
  PreflightReport report;
  for (const Family family : k_families) {
    auto found = family(facts, request);
    report.findings.insert(report.findings.end(), found.begin(), found.end());
  }
  report.overall = worst(report.findings);
  report.command = plan_minikube_start(facts, request, report.findings);
  return report;
}

} // namespace devk8s::core::preflight
