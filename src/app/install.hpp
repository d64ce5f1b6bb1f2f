// `devk8s install minikube|kubectl` as a use case: which version (given, the cluster's, or the
// latest a download source names), from which sources, to which path; then one InstallBinary
// step, applied by the executor the CLI chose (app/executor_choice.hpp).
#pragma once

#include "app/cluster_access.hpp"
#include "app/ports.hpp"
#include "core/install/download_sources.hpp"
#include "core/plan/plan.hpp"
#include "core/version.hpp"
#include "exec/executor.hpp"
#include "ports/reporter.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct InstallOptions {
  core::install::Tool tool = core::install::Tool::kubectl;
  std::string version;        ///< --version, "" for the latest (or the cluster's)
  bool match_cluster = false; ///< --match-cluster
  std::string mirror;         ///< --mirror: the download source to try first
  std::string default_mirror; ///< $DEVK8S_MIRROR: used only where a download source has that name
  std::vector<std::string> downloads_files;
  std::string config_dir;     ///< the user's devk8s config directory, "" for none
  std::string dir;            ///< where to install (the CLI's default: ~/.local/bin)
  bool force = false;
  std::chrono::milliseconds stall_timeout{30000};
  int retries = 2;
  std::string profile = "minikube";
  KubeOptions kube;
  std::string search_path;    ///< $PATH: where kubectl and minikube are found for --match-cluster
};

struct InstallResult {
  std::string tool;
  core::Version version;
  std::string path;
  std::optional<std::string> backup; ///< where the replaced binary is kept
  bool already_installed = false;    ///< that version is there: nothing was planned
  bool dir_on_path = true;           ///< the install directory is one of PATH's entries
  core::plan::Plan plan;
};

util::Result<InstallResult> install_tool(const Ports& ports, const InstallOptions& options, exec::Executor& executor,
                                         ports::Reporter& reporter);

} // namespace devk8s::app
