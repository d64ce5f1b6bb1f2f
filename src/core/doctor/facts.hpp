// What the doctor's analyzers read: the cluster's typed lists, and what the registries and the
// mirror map said about each image a pod cannot pull (gathered by app/doctor before the pure
// analyzers run). Plain values.
#pragma once

#include "core/image/mirror_resolver.hpp"
#include "core/kube/objects/snapshot.hpp"
#include "core/registry/outcome.hpp"
#include "core/finding/finding.hpp"
#include "core/version.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::doctor {

using finding::Evidence;

/// One image a pod fails to pull, checked live.
struct ImageCheck {
  std::string image; ///< as the pod spec writes it
  std::optional<registry::Outcome> outcome; ///< the image on its own registry; nullopt when not asked
  /// The mirror map's reading of it, when the map knows its registry (a naive mirror path is
  /// `repaired`); nullopt without a map.
  std::optional<image::Resolution> resolution;
  std::optional<registry::Outcome> repaired_outcome; ///< the resolution's chosen reference on its registry
  std::string rule;                                  ///< the map's rule for it, described
};

struct Facts {
  kube::objects::Snapshot snapshot;
  std::vector<ImageCheck> images;
  std::string minikube_version; ///< "v1.20.0" when minikube answered; "" otherwise
  std::string profile;          ///< the minikube profile read, when minikube answered
  std::string namespace_name;   ///< the one namespace read (-n); "" = all
  /// The profile's addons that minikube has enabled, when minikube answered; nullopt otherwise.
  std::optional<std::vector<std::string>> enabled_addons;
  std::optional<Version> server_version;  ///< the API server's /version, when it answered
  std::optional<Version> kubectl_version; ///< `kubectl version --client`, when kubectl is on PATH
  std::string kubectl_path;
  /// What this host can give minikube (preflight's effective CPUs and memory), read only when a
  /// pod is refused for cpu or memory; each with where it was read.
  std::optional<Evidence> host_cpus;
  std::optional<Evidence> host_memory;

  /// The check of `image`, or nullptr.
  const ImageCheck* check(const std::string& image) const;
};

} // namespace devk8s::core::doctor
