#include "cli/kube_options.hpp"

#include <CLI/CLI.hpp>

namespace devk8s::cli {

void add_kube_flags(CLI::App& cmd, app::KubeOptions& options, bool exec_plugin_flag)
{
  cmd.add_option("--kubeconfig", options.kubeconfig, "Kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config)")
      ->type_name("FILE");
  cmd.add_option("--context", options.context, "Kubeconfig context to use (default: its current-context)")->type_name("NAME");
  if (!exec_plugin_flag) {
    return; // commands that read the cluster run the plugin as kubectl does: nothing to allow
  }
  cmd.add_flag("--allow-exec-plugin", options.allow_exec_plugin,
               "install --check: let kubectl run the kubeconfig's credential plugin (a check never runs it itself; "
               "commands that read the cluster do)");
}

app::KubeOptions with_kube_environment(app::KubeOptions options, const Environment& env)
{
  options.kubeconfig_env = env.get("KUBECONFIG");
  options.home = env.get("HOME");
  return options;
}

} // namespace devk8s::cli
