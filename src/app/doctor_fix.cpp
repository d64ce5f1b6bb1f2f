#include "app/doctor_fix.hpp"

#include "util/strings.hpp"

namespace devk8s::app {

util::Result<DoctorFixPlan> plan_doctor_fix(const Ports& ports, ports::Minikube& minikube, ports::KubeApi& kube,
                                            const DoctorReport& report, const RetagOptions& retag,
                                            ports::Reporter& reporter)
{
  DoctorFixPlan out;
  out.selection = core::doctor::select_fixes(report.findings, core::finding::problems(report.chains));
  if (out.selection.empty()) {
    return out;
  }
  const KubeConnect connect = [&kube](const std::string&) -> util::Result<ports::KubeApi*> { return &kube; };
  std::vector<RetagOptions> runs;
  if (!out.selection.addons.empty()) {
    auto options = retag;
    options.addons = out.selection.addons;
    runs.push_back(std::move(options));
  }
  for (const auto& image : out.selection.images) {
    auto options = retag;
    options.image = image.wanted;
    options.from = image.from;
    runs.push_back(std::move(options));
  }
  std::vector<std::string> commands;
  for (const auto& options : runs) {
    commands.push_back(options.image.empty() ? "devk8s retag " + util::join(options.addons, " ")
                                             : "devk8s retag --image " + options.image + " --from " + options.from);
  }
  out.plan.title = "doctor --fix: " + util::join(commands, "; ");
  for (const auto& options : runs) {
    auto analysis = analyze_retag(ports, minikube, connect, options, reporter);
    if (!analysis) {
      const std::string what = options.image.empty() ? "devk8s retag " + util::join(options.addons, " ")
                                                      : "devk8s retag --image " + options.image;
      return analysis.error().wrap("cannot plan the fix (" + what + ")");
    }
    out.plan.steps.insert(out.plan.steps.end(), analysis->plan.steps.begin(), analysis->plan.steps.end());
    out.retags.push_back(std::move(*analysis));
  }
  return out;
}

} // namespace devk8s::app
