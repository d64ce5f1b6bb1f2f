// --kubeconfig and --context, as kubectl has them, for every command that talks to the cluster
// (and --allow-exec-plugin for install's checks, which hand kubectl the kubeconfig);
// app/cluster_access.hpp reads the kubeconfig they choose.
#pragma once

#include "app/cluster_access.hpp"
#include "cli/context.hpp"
#include "ports/kube_api.hpp"

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace devk8s::cli {

void add_kube_flags(CLI::App& cmd, app::KubeOptions& options, bool exec_plugin_flag = false);

/// `options` with KUBECONFIG and HOME from the environment, as kubectl reads them, and the
/// global --kubeconfig/--context (given before the command) where the command's own are not set.
app::KubeOptions with_kube_environment(app::KubeOptions options, const Context& ctx);

/// The command's own -n, else the global one, else "".
std::string chosen_namespace(const std::string& own, const Context& ctx);

/// A client for the cluster `options` choose, for a command that cannot work without one (doctor,
/// smoke): no kubeconfig, or one that cannot be used, is app::k_cluster_unreadable (exit 4).
/// `purpose` finishes "no kubeconfig: there is no cluster to …".
util::Result<std::unique_ptr<ports::KubeApi>> connect_cluster(Context& ctx, const app::KubeOptions& options,
                                                              const std::string& purpose);

} // namespace devk8s::cli
