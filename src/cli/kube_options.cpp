#include "cli/kube_options.hpp"

#include "app/doctor.hpp"

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

app::KubeOptions with_kube_environment(app::KubeOptions options, const Context& ctx)
{
  if (options.kubeconfig.empty()) {
    options.kubeconfig = ctx.global.kubeconfig;
  }
  if (options.context.empty()) {
    options.context = ctx.global.context;
  }
  options.kubeconfig_env = ctx.env.get("KUBECONFIG");
  options.home = ctx.env.get("HOME");
  return options;
}

std::string chosen_namespace(const std::string& own, const Context& ctx)
{
  return own.empty() ? ctx.global.namespace_name : own;
}

util::Result<std::unique_ptr<ports::KubeApi>> connect_cluster(Context& ctx, const app::KubeOptions& options,
                                                              const std::string& purpose)
{
  DEVK8S_TRY(const auto access, app::load_cluster_access(ctx.adapters.fs, options));
  if (!access) {
    return util::Error{app::k_cluster_unreadable, "no kubeconfig: there is no cluster to " + purpose,
                       "start one: devk8s start (or minikube start)", {}, {}};
  }
  auto kube = ctx.adapters.kube.connect(*access);
  if (!kube) {
    auto error = kube.error();
    error.code = app::k_cluster_unreadable;
    return error;
  }
  return std::move(*kube);
}

} // namespace devk8s::cli
