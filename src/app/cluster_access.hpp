// Which cluster a command talks to: the kubeconfig files kubectl would read for --kubeconfig,
// KUBECONFIG and ~/.kube/config, read through the FileSystem port, and the context chosen in them.
#pragma once

#include "core/kube/kubeconfig.hpp"
#include "ports/file_system.hpp"
#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct KubeOptions {
  std::string kubeconfig; ///< --kubeconfig
  std::string context;    ///< --context
  /// Whether a check (install --check) may hand kubectl a kubeconfig whose user runs an exec or
  /// auth-provider plugin (a program named in the file). A check never runs one itself; commands
  /// that read the cluster (doctor, retag) run an exec plugin when they connect.
  bool allow_exec_plugin = false;
  std::optional<std::string> kubeconfig_env; ///< $KUBECONFIG, as the CLI found it
  std::optional<std::string> home;           ///< $HOME, for ~/.kube/config

  /// The user named the cluster (--kubeconfig or --context): use it or fail, never another one.
  bool named() const { return !kubeconfig.empty() || !context.empty(); }
  /// " --kubeconfig F --context C --allow-exec-plugin" as given, shell-quoted, for advice to paste.
  std::string flags() const;
};

/// The cluster the options and KUBECONFIG choose; nullopt when no kubeconfig file exists at all
/// (no cluster was ever started here), which callers may treat as "no cluster" quietly. A
/// --kubeconfig that does not exist, an unreadable or broken file, or an unknown context fail.
util::Result<std::optional<core::kube::ClusterAccess>> load_cluster_access(ports::FileSystem& fs,
                                                                           const KubeOptions& options);

/// The exec or auth-provider plugin kubectl would run with these options' kubeconfig, or nullopt.
/// Errors when the kubeconfig cannot be read or parsed: then nobody can tell.
util::Result<std::optional<core::kube::CredentialPlugin>> kubeconfig_plugin(ports::FileSystem& fs,
                                                                            const KubeOptions& options);

/// The context names of the kubeconfig these options choose (none when there is no kubeconfig).
util::Result<std::vector<std::string>> kubeconfig_contexts(ports::FileSystem& fs, const KubeOptions& options);

} // namespace devk8s::app
