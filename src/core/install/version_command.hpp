// How devk8s asks minikube or kubectl for its own version: the words after the binary and the
// environment to run them in. One answer for the host probe, install --check and the installer.
#pragma once

#include "core/install/download_sources.hpp"

#include <map>
#include <string>
#include <vector>

namespace devk8s::core::install {

struct VersionCommand {
  std::vector<std::string> args;           ///< after the binary: {"version", "-o", "json"}
  std::map<std::string, std::string> env;  ///< added to the inherited environment
};

/// minikube: `version -o json` (cmd/minikube/cmd/version.go). kubectl: `version --client -o json`
/// with KUBECONFIG=/dev/null, so that the question is about the binary alone: kubectl loads the
/// kubeconfig even with --client, and a wrapper such as google-cloud-sdk's kubectl dispatcher
/// then runs the user's exec credential plugin (issue #9, finding 14: a check must run none).
VersionCommand version_command(Tool tool);

} // namespace devk8s::core::install
