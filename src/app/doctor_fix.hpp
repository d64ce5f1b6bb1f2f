// `devk8s doctor --fix`: the doctor's root causes that name a devk8s command (core/doctor/fixes)
// become one plan, made of the plans `devk8s retag` would make for them (app/retag gathers each:
// the profile, its nodes and runtime, a source confirmed on the registry). The CLI runs the plan
// through the executor and diagnoses again.
#pragma once

#include "app/doctor.hpp"
#include "app/retag.hpp"
#include "core/doctor/fixes.hpp"

#include <vector>

namespace devk8s::app {

struct DoctorFixPlan {
  core::doctor::FixSelection selection;
  std::vector<RetagAnalysis> retags; ///< one for the addons, one per --image
  core::plan::Plan plan;             ///< their plans, in that order
};

/// `retag` holds what every retag shares (profile, mirror, registry, waits); its addons, image
/// and from are set here. The cluster is `kube`, the one the doctor read. An empty selection is
/// an empty plan, without asking minikube anything.
util::Result<DoctorFixPlan> plan_doctor_fix(const Ports& ports, ports::Minikube& minikube, ports::KubeApi& kube,
                                            const DoctorReport& report, const RetagOptions& retag,
                                            ports::Reporter& reporter);

} // namespace devk8s::app
