// What release servers and the tools answer, as text in and values out: checksum files,
// "latest" documents (stable.txt, minikube's releases.json), the cluster's version from
// `kubectl version -o json` or `minikube profile list -o json`. Shapes cited in the .cpp.
#pragma once

#include "core/version.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::install {

/// The SHA-256 in a checksum file: 64 hex digits alone, or first on a line as sha256sum writes
/// it ("<hex>  <name>"); with several lines, the one naming `file_name`. Lower-cased.
util::Result<std::string> parse_checksum_file(std::string_view text, std::string_view file_name);

/// The newest version in a "latest" document: a stable.txt ("v1.35.1\n") or minikube's
/// releases.json (an array, newest first, of {"name": "v1.38.1", ...}).
util::Result<Version> parse_latest_version(std::string_view text);

/// serverVersion.gitVersion of `kubectl version -o json`.
util::Result<Version> parse_kubectl_server_version_json(std::string_view json);

/// Config.KubernetesConfig.KubernetesVersion of `profile` in `minikube profile list -o json`.
util::Result<Version> parse_minikube_profile_version(std::string_view json, const std::string& profile);

/// The kubectl to recommend for a cluster: its own version (kubectl supports one minor of
/// skew either way: https://kubernetes.io/releases/version-skew-policy/#kubectl).
struct KubectlAdvice {
  bool within_skew = false;
  Version recommended;
  std::string message;
};
KubectlAdvice advise_kubectl(const Version& client, const Version& cluster);

} // namespace devk8s::core::install
