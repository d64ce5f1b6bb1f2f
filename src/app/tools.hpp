// What is installed: where minikube and kubectl are, which versions they report, and which
// version the cluster runs. Through the FileSystem, ProcessRunner and KubeConnector ports; used
// by `devk8s install` (existing binaries, --match-cluster) and `devk8s install --check`.
#pragma once

#include "app/cluster_access.hpp"
#include "app/ports.hpp"
#include "core/install/download_sources.hpp"
#include "core/version.hpp"
#include "ports/reporter.hpp"

#include <string>

namespace devk8s::app {

/// The first `name` in `search_path` (PATH's value: ':'-separated directories) that is a regular file, or "".
std::string find_on_path(ports::FileSystem& fs, const std::string& search_path, const std::string& name);

/// Whether `dir` is one of `search_path`'s entries (trailing slashes ignored).
bool on_path(const std::string& search_path, const std::string& dir);

/// Why devk8s must not replace `path`: `dpkg-query --search` names a package that ships it, or it
/// sits in a directory the system's package manager owns (/usr/bin, /bin, /usr/sbin, /sbin). The
/// package manager would overwrite it, or be confused by it. Empty when neither.
std::string package_owner(ports::ProcessRunner& runner, const std::string& path);

/// Runs `path` with core::install::version_command(tool) and reads the version.
util::Result<core::Version> binary_version(ports::ProcessRunner& runner, const std::string& path,
                                           core::install::Tool tool);

struct ClusterVersion {
  core::Version version;
  std::string from; ///< "kubectl version" or "minikube profile minikube"
};

struct ClusterVersionQuery {
  std::string kubectl;  ///< kubectl's path; "" when it is not installed
  std::string minikube; ///< minikube's path; "" when it is not installed
  std::string profile = "minikube";
  KubeOptions kube;
};

/// The cluster's version: the API server's /version through the kubeconfig, else
/// `kubectl version -o json` (server part) if kubectl is there and the kubeconfig's user runs
/// no exec/auth-provider plugin (unless kube.allow_exec_plugin), else `minikube profile list -o
/// json` for the profile, but only when the user named no kubeconfig or context: a named cluster
/// is used or the call fails, never swapped for minikube's. The error says why each failed; the
/// reporter's detail() says it as each is tried.
util::Result<ClusterVersion> cluster_version(const Ports& ports, const ClusterVersionQuery& query,
                                             ports::Reporter& reporter);

} // namespace devk8s::app
