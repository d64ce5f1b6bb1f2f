#include "cli/kube_options.hpp"

#include "util/shell_quote.hpp"

#include <CLI/CLI.hpp>

namespace devk8s::cli {

namespace {

// The files kubectl would read for these options, read through the FileSystem port.
util::Result<std::vector<core::kube::KubeconfigFile>> read_kubeconfigs(Context& ctx, const KubeOptions& options)
{
  const auto paths = core::kube::kubeconfig_paths(options.kubeconfig, ctx.env.get("KUBECONFIG"), ctx.env.get("HOME"));
  std::vector<core::kube::KubeconfigFile> files;
  for (const auto& path : paths) {
    // kubectl skips the files of KUBECONFIG that do not exist; only --kubeconfig must.
    if (ctx.adapters.fs.kind(path) == ports::FileKind::missing && options.kubeconfig.empty()) {
      continue;
    }
    auto text = ctx.adapters.fs.read_file(path);
    if (!text) {
      return util::failure("cannot read kubeconfig: " + text.error().message,
                           options.kubeconfig.empty() ? "check KUBECONFIG and ~/.kube/config" : "check --kubeconfig");
    }
    files.push_back({path, std::move(*text)});
  }
  return files;
}

} // namespace

void KubeOptions::add_to(CLI::App& cmd)
{
  cmd.add_option("--kubeconfig", kubeconfig, "Kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config)")
      ->type_name("FILE");
  cmd.add_option("--context", context, "Kubeconfig context to use (default: its current-context)")->type_name("NAME");
  cmd.add_flag("--allow-exec-plugin", allow_exec_plugin,
               "Let kubectl run the kubeconfig's exec/auth-provider credential plugin (devk8s never runs it)");
}

std::string KubeOptions::flags() const
{
  std::string out;
  if (!kubeconfig.empty()) {
    out += " --kubeconfig " + util::shell_quote(kubeconfig);
  }
  if (!context.empty()) {
    out += " --context " + util::shell_quote(context);
  }
  if (allow_exec_plugin) {
    out += " --allow-exec-plugin";
  }
  return out;
}

util::Result<std::optional<core::kube::ClusterAccess>> load_cluster_access(Context& ctx, const KubeOptions& options)
{
  DEVK8S_TRY(const auto files, read_kubeconfigs(ctx, options));
  if (files.empty() && options.context.empty()) {
    return std::optional<core::kube::ClusterAccess>{};
  }
  DEVK8S_TRY(auto access, core::kube::select_context(files, options.context));
  return std::optional<core::kube::ClusterAccess>(std::move(access));
}

util::Result<std::optional<core::kube::CredentialPlugin>> kubeconfig_plugin(Context& ctx, const KubeOptions& options)
{
  DEVK8S_TRY(const auto files, read_kubeconfigs(ctx, options));
  return core::kube::credential_plugin(files, options.context);
}

} // namespace devk8s::cli
