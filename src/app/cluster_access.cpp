#include "app/cluster_access.hpp"

#include "util/shell_quote.hpp"

#include <vector>

namespace devk8s::app {

namespace {

// The files kubectl would read for these options.
util::Result<std::vector<core::kube::KubeconfigFile>> read_kubeconfigs(ports::FileSystem& fs, const KubeOptions& options)
{
  const auto paths = core::kube::kubeconfig_paths(options.kubeconfig, options.kubeconfig_env, options.home);
  std::vector<core::kube::KubeconfigFile> files;
  for (const auto& path : paths) {
    // kubectl skips the files of KUBECONFIG that do not exist; only --kubeconfig must.
    if (fs.kind(path) == ports::FileKind::missing && options.kubeconfig.empty()) {
      continue;
    }
    auto text = fs.read_file(path);
    if (!text) {
      return util::failure("cannot read kubeconfig: " + text.error().message,
                           options.kubeconfig.empty() ? "check KUBECONFIG and ~/.kube/config" : "check --kubeconfig");
    }
    files.push_back({path, std::move(*text)});
  }
  return files;
}

} // namespace

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

util::Result<std::optional<core::kube::ClusterAccess>> load_cluster_access(ports::FileSystem& fs,
                                                                           const KubeOptions& options)
{
  DEVK8S_TRY(const auto files, read_kubeconfigs(fs, options));
  if (files.empty() && options.context.empty()) {
    return std::optional<core::kube::ClusterAccess>{};
  }
  DEVK8S_TRY(auto access, core::kube::select_context(files, options.context));
  return std::optional<core::kube::ClusterAccess>(std::move(access));
}

util::Result<std::optional<core::kube::CredentialPlugin>> kubeconfig_plugin(ports::FileSystem& fs,
                                                                            const KubeOptions& options)
{
  DEVK8S_TRY(const auto files, read_kubeconfigs(fs, options));
  return core::kube::credential_plugin(files, options.context);
}

util::Result<std::vector<std::string>> kubeconfig_contexts(ports::FileSystem& fs, const KubeOptions& options)
{
  DEVK8S_TRY(const auto files, read_kubeconfigs(fs, options));
  return core::kube::context_names(files);
}

} // namespace devk8s::app
