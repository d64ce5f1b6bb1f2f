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

/// Whether the cluster `kube` names is minikube profile `profile`'s ("" = minikube's default):
/// --fix repairs through the profile (its nodes, its addons) and the cluster the doctor read (its
/// pods), so they must be one, or pods of one cluster would be deleted for images loaded into
/// another. A usage error (exit 2) saying which profile's cluster it is, or that it is none;
/// nothing to say when there is no kubeconfig (connecting says that).
util::Result<void> check_fix_cluster(ports::FileSystem& fs, const KubeOptions& kube, const std::string& profile);

/// `retag` holds what every retag shares (profile, mirror, registry, waits); its addons, image
/// and from are set here. The cluster is `kube`, the one the doctor read. An empty selection is
/// an empty plan, without asking minikube anything.
util::Result<DoctorFixPlan> plan_doctor_fix(const Ports& ports, ports::Minikube& minikube, ports::KubeApi& kube,
                                            const DoctorReport& report, const RetagOptions& retag,
                                            ports::Reporter& reporter);

} // namespace devk8s::app
