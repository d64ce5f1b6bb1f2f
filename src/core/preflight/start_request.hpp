// StartRequest: what the user asked minikube for (--cpus, --memory, --driver, --mirror,
// --kubernetes-version, --profile), already parsed. The thresholds minikube and kubeadm judge
// it by are here too, with where each number comes from.
#pragma once

#include "core/image/mirror_map.hpp"
#include "core/preflight/host_facts.hpp"
#include "core/version.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace devk8s::core::preflight {

// cmd/minikube/cmd/start.go, the same in v1.20.0 and v1.38.1.
constexpr std::uint64_t k_min_usable_mib = 1800;
constexpr std::uint64_t k_min_recommended_mib = 1900;
constexpr int k_minimum_cpus = 2;                  // kubeadm's NumCPU preflight check
constexpr std::uint64_t k_system_overhead_mib = 1024; // start.go: "does not leave room for system overhead"

struct MirrorChoice {
  std::string name;                 ///< the map's name ("cn")
  image::MinikubeSettings minikube; ///< the map's minikube: block
};

struct StartRequest {
  std::optional<int> cpus;
  std::optional<std::uint64_t> memory_mib;
  std::string driver = "docker";
  bool driver_given = false;
  std::optional<MirrorChoice> mirror;
  std::optional<Version> kubernetes_version;
  std::string kubernetes_channel; ///< "stable" or "latest": minikube resolves these itself
  std::string profile;
};

/// The drivers minikube offers on Linux.
bool is_known_linux_driver(const std::string& driver);
/// Drivers that run the node in a container (minikube's KIC): docker, podman.
bool is_kic_driver(const std::string& driver);

/// CPUs minikube will be asked for: --cpus, else the host's whole effective CPUs when fewer than
/// minikube's default of 2, else nullopt (minikube's default).
std::optional<int> planned_cpus(const HostFacts& facts, const StartRequest& request);

/// The largest --memory that still leaves 1024 MiB to the system; nullopt when memory is unknown.
std::optional<std::uint64_t> largest_safe_memory_mib(const HostFacts& facts);

/// The Kubernetes version minikube will install: --kubernetes-version, else the default of the
/// installed minikube when devk8s knows it.
std::optional<Version> planned_kubernetes_version(const HostFacts& facts, const StartRequest& request);

/// Where minikube keeps its data (localpath.MiniPath): $MINIKUBE_HOME, with "/.minikube" appended
/// unless it already ends so, else $HOME/.minikube; "/" when neither is set.
std::string minikube_home_dir(const std::string& minikube_home_env, const std::string& home_env);

/// "1833 MiB"
std::string format_mib(std::uint64_t bytes);
/// "1" or "1.5"
std::string format_cpus(double cpus);

} // namespace devk8s::core::preflight
