// `devk8s install --check`: runs app::check_install and prints its report (rows or JSON).
#pragma once

#include "app/cluster_access.hpp"
#include "cli/context.hpp"

namespace devk8s::cli {

/// Prints the report on stdout (`output`: "text" or "json"); exit 1 when a tool is missing,
/// kubectl is out of skew, or the cluster `kube` names (--kubeconfig, --context) cannot be read.
util::Result<util::ExitCode> run_install_check(Context& ctx, const std::string& profile, const app::KubeOptions& kube,
                                               const std::string& output);

} // namespace devk8s::cli
