// --kubeconfig and --context, as kubectl has them, for every command that talks to the cluster
// (and --allow-exec-plugin for install's checks, which hand kubectl the kubeconfig);
// app/cluster_access.hpp reads the kubeconfig they choose.
#pragma once

#include "app/cluster_access.hpp"
#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace devk8s::cli {

void add_kube_flags(CLI::App& cmd, app::KubeOptions& options, bool exec_plugin_flag = false);

/// `options` with KUBECONFIG and HOME from the environment, as kubectl reads them.
app::KubeOptions with_kube_environment(app::KubeOptions options, const Environment& env);

} // namespace devk8s::cli
