#include "app/doctor_fix.hpp"

#include "util/strings.hpp"

namespace devk8s::app {

util::Result<void> check_fix_cluster(ports::FileSystem& fs, const KubeOptions& kube, const std::string& profile_flag)
{
  DEVK8S_TRY(const auto access, load_cluster_access(fs, kube));
  if (!access) {
    return {};
  }
  const std::string profile = profile_flag.empty() ? "minikube" : profile_flag;
  if (access->minikube_profile == profile) {
    return {};
  }
  const std::string cluster = "context " + util::quoted(access->context) +
                              (access->minikube_profile.empty() ? " is not a minikube profile's cluster"
                                                                : " is minikube profile " +
                                                                      util::quoted(access->minikube_profile) + "'s cluster");
  return util::usage_error("--fix repairs minikube profile " + util::quoted(profile) + ", and " + cluster,
                           access->minikube_profile.empty()
                               ? "name the profile's cluster: --context " + profile + " (or -p PROFILE for another)"
                               : "name one cluster: -p " + access->minikube_profile + ", or --context " + profile);
}

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
