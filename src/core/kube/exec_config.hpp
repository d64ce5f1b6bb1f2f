// A kubeconfig user's `exec` (a client-go credential plugin) read and checked as clientcmd reads
// it (api/v1 ExecConfig, its defaults and validation.go), and the cluster's per-cluster exec
// extension. Pure; kubeconfig.cpp hands it the YAML it found. Running the plugin is the adapter's.
#pragma once

#include "core/kube/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace devk8s::core::kube {

/// `exec` of a user. `at` names it in errors ("/c: user \"u\".exec"), `dir` is the kubeconfig's
/// directory (a command with a '/' is relative to it), `hint` goes with every error.
util::Result<ExecConfig> read_exec_config(const YAML::Node& exec, const std::string& at, const std::string& dir,
                                          const std::string& hint);

/// The cluster's client.authentication.k8s.io/exec extension as JSON (what client-go hands the
/// plugin as spec.cluster.config), "" when it has none.
std::string exec_extension(const YAML::Node& cluster);

} // namespace devk8s::core::kube
