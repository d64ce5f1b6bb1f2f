// What is installed: where minikube and kubectl are, which versions they report, and which
// version the cluster runs. Through the ProcessRunner and FileSystem ports; used by
// `devk8s install` (existing binaries, --match-cluster) and `devk8s install --check`.
#pragma once

#include "cli/context.hpp"
#include "cli/kube_options.hpp"
#include "core/install/download_sources.hpp"
#include "core/version.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::cli {

/// The first `name` on PATH that is a regular file, or "".
std::string find_on_path(Context& ctx, const std::string& name);

/// Whether `dir` is one of PATH's entries.
bool on_path(Context& ctx, const std::string& dir);

/// Why devk8s must not replace `path`: dpkg lists it as a package's file
/// (/var/lib/dpkg/info/PACKAGE.list, read through the FileSystem port), or it sits in a
/// directory the system's package manager owns (/usr/bin, /bin, /usr/sbin, /sbin). The package
/// manager would overwrite it, or be confused by it. Empty when neither.
std::string package_owner(Context& ctx, const std::string& path);

/// Runs `path` with core::install::version_command(tool) and reads the version.
util::Result<core::Version> binary_version(Context& ctx, const std::string& path, core::install::Tool tool);

struct ClusterVersion {
  core::Version version;
  std::string from; ///< "kubectl version" or "minikube profile minikube"
};

/// The cluster's version: the API server's /version through the kubeconfig, else
/// `kubectl version -o json` (server part) if `kubectl` is given and the kubeconfig's user runs
/// no exec/auth-provider plugin (unless kube.allow_exec_plugin), else `minikube profile list -o
/// json` for `profile`, but only when the user named no kubeconfig or context: a named cluster is
/// used or the call fails, never swapped for minikube's. The error says why each failed; -v
/// says it as each is tried.
util::Result<ClusterVersion> cluster_version(Context& ctx, const std::string& kubectl, const std::string& minikube,
                                             const std::string& profile, const KubeOptions& kube);

} // namespace devk8s::cli
