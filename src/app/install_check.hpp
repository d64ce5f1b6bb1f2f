// `devk8s install --check` as a use case: which minikube and kubectl are installed, where, which
// versions, the cluster's version, and what to install. Read-only; the CLI renders the result.
#pragma once

#include "app/tools.hpp"
#include "core/install/release_text.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct InstallCheckOptions {
  std::string profile = "minikube";
  KubeOptions kube;
  std::string search_path; ///< $PATH
  std::string home;        ///< $HOME: ~/.local/bin is where devk8s installs by default
};

struct FoundTool {
  std::string path;                     ///< "" when not installed
  std::optional<core::Version> version; ///< when it answered its version command
  std::string problem;                  ///< why there is no version
};

struct InstallCheck {
  FoundTool minikube;
  FoundTool kubectl;
  std::optional<ClusterVersion> cluster;
  std::string cluster_problem; ///< why there is no cluster version
  std::optional<core::install::KubectlAdvice> skew; ///< when kubectl and the cluster both answered
  std::vector<std::string> advice;                  ///< what to run, one line each
  /// A tool is missing, kubectl is out of skew, or the cluster the user named cannot be read.
  bool problem = false;
};

InstallCheck check_install(const Ports& ports, const InstallCheckOptions& options, ports::Reporter& reporter);

} // namespace devk8s::app
