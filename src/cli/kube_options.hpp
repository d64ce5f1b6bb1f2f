// --kubeconfig and --context, as kubectl has them, and reading the kubeconfig they choose
// through the FileSystem port. Every command that talks to the cluster takes these.
#pragma once

#include "cli/context.hpp"
#include "core/kube/kubeconfig.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace devk8s::cli {

struct KubeOptions {
  std::string kubeconfig;
  std::string context;
  /// Whether kubectl may be handed a kubeconfig whose user runs an exec or auth-provider plugin
  /// (a program named in the file). devk8s never runs one itself.
  bool allow_exec_plugin = false;

  void add_to(CLI::App& cmd);
  /// The user named the cluster (--kubeconfig or --context): use it or fail, never another one.
  bool named() const { return !kubeconfig.empty() || !context.empty(); }
  /// " --kubeconfig F --context C --allow-exec-plugin" as given, shell-quoted, for advice to paste.
  std::string flags() const;
};

/// The cluster the options and KUBECONFIG choose; nullopt when no kubeconfig file exists at all
/// (no cluster was ever started here), which callers may treat as "no cluster" quietly. A
/// --kubeconfig that does not exist, an unreadable or broken file, or an unknown context fail.
util::Result<std::optional<core::kube::ClusterAccess>> load_cluster_access(Context& ctx, const KubeOptions& options);

/// The exec or auth-provider plugin kubectl would run with these options' kubeconfig, or nullopt.
/// Errors when the kubeconfig cannot be read or parsed: then nobody can tell.
util::Result<std::optional<core::kube::CredentialPlugin>> kubeconfig_plugin(Context& ctx, const KubeOptions& options);

} // namespace devk8s::cli
