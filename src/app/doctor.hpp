// `devk8s doctor`: the cluster's lists in one snapshot, every image a pod cannot pull checked on
// its registry and read through the mirror map, then core/doctor's analyzers and chains. The
// minikube profile, when minikube answers, names the mirror map and the release that wrote the
// images; without minikube the doctor still works from the API alone.
#pragma once

#include "app/cluster_access.hpp"
#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/doctor/analyzers/analyzers.hpp"
#include "core/doctor/facts.hpp"
#include "core/finding/chains.hpp"
#include "ports/minikube.hpp"
#include "ports/registry_client.hpp"
#include "ports/reporter.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace devk8s::app {

struct DoctorOptions {
  std::string profile;        ///< -p: the minikube profile whose repository names the mirror map
  std::string namespace_name; ///< -n; "" = every namespace (-A)
  MirrorOptions mirror;
  ports::RegistryCheckOptions registry;
  bool ask_registry = true;   ///< false: judge images from the kubelet's words alone
  std::chrono::seconds list_timeout{30};
  std::string search_path; ///< PATH: where kubectl is looked for, to compare its version with the server's
};

struct DoctorReport {
  core::doctor::Facts facts;
  std::vector<core::finding::Finding> findings;
  std::vector<core::finding::Chain> chains;
  std::vector<core::finding::Problem> problems; ///< the chains by root cause
  std::vector<core::doctor::Check> checks;      ///< each analyzer's share of the findings
  std::string server;      ///< the API server asked
  std::string map;         ///< the mirror map used, or ""
  std::vector<std::string> unavailable; ///< lists that could not be read, with why
};

/// The exit code of a cluster that could not be read at all (kubeconfig, connection, every list).
inline constexpr util::ExitCode k_cluster_unreadable = static_cast<util::ExitCode>(4);

/// `minikube` may be nullptr (not installed): then no map is inferred and no release is named.
/// Fails with k_cluster_unreadable when the API server answered none of the lists; with a
/// failure for a mirror map that cannot be read.
util::Result<DoctorReport> diagnose(const Ports& ports, ports::Minikube* minikube, ports::KubeApi& kube,
                                    const DoctorOptions& options, ports::Reporter& reporter);

} // namespace devk8s::app
