// `devk8s preflight` as a use case: the start request from the flags as typed (every bad one
// reported at once), the host measured once, and the rules' report. The CLI renders it.
#pragma once

#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/preflight/engine.hpp"
#include "ports/host_probe.hpp"

#include <string>

namespace devk8s::app {

/// The range --cpus accepts: a cluster needs a CPU, and no host devk8s targets has more than 4096.
inline constexpr int k_min_cpus_flag = 1;
inline constexpr int k_max_cpus_flag = 4096;

struct PreflightOptions {
  std::string cpus;               ///< --cpus as typed, "" for minikube's default
  std::string memory;             ///< --memory as typed ("2g", "1833mb")
  std::string driver;             ///< --driver, "" for minikube's default
  std::string kubernetes_version; ///< a version, "stable", "latest" or ""
  std::string profile;
  MirrorOptions mirror;           ///< a map only when one is requested
  ports::ProbeRequest probe;      ///< where minikube and Docker keep their state; check_docker is set here
};

struct PreflightResult {
  core::preflight::HostFacts facts;
  core::preflight::PreflightReport report;
};

/// The request the flags describe; a usage error lists every bad flag.
util::Result<core::preflight::StartRequest> build_request(ports::FileSystem& fs, const PreflightOptions& options);

util::Result<PreflightResult> check_host(const Ports& ports, const PreflightOptions& options);

} // namespace devk8s::app
