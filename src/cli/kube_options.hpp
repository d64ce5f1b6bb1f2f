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

  void add_to(CLI::App& cmd);
};

/// The cluster the options and KUBECONFIG choose; nullopt when no kubeconfig file exists at all
/// (no cluster was ever started here), which callers may treat as "no cluster" quietly. A
/// --kubeconfig that does not exist, an unreadable or broken file, or an unknown context fail.
util::Result<std::optional<core::kube::ClusterAccess>> load_cluster_access(Context& ctx, const KubeOptions& options);

} // namespace devk8s::cli
