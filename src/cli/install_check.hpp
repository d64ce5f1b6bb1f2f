// `devk8s install --check`: which minikube and kubectl are installed, where, which versions, the
// cluster's version, and what to install. Read-only.
#pragma once

#include "cli/context.hpp"
#include "cli/kube_options.hpp"

namespace devk8s::cli {

/// Prints the report on stdout (`output`: "text" or "json"); exit 1 when a tool is missing,
/// kubectl is out of skew, or the cluster `kube` names (--kubeconfig, --context) cannot be read.
util::Result<util::ExitCode> run_install_check(Context& ctx, const std::string& profile, const KubeOptions& kube,
                                               const std::string& output);

} // namespace devk8s::cli
