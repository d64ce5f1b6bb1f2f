// Gathering HostFacts: CPUs, memory, cgroups, disk, kernel, uid, tool versions and the Docker
// daemon, once per run. Implemented by adapters/host/linux_host_probe; tests build HostFacts
// by hand for the rules, or point the adapter at a fixture tree.
#pragma once

#include "core/preflight/host_facts.hpp"

#include <string>

namespace devk8s::ports {

/// What a probe needs from the caller's environment and intent.
struct ProbeRequest {
  std::string minikube_home;    ///< the directory minikube stores its data in
  std::string docker_host;      ///< DOCKER_HOST; empty for the default socket
  bool docker_tls = false;      ///< DOCKER_TLS_VERIFY set
  std::string docker_cert_path; ///< DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem)
  bool check_docker = true;     ///< false: do not contact the daemon (a driver other than docker)
};

/// Contract: never fails and never throws; whatever cannot be read is a Fact with its reason.
/// Returns within the probe's own timeouts (a hanging tool is cut off and reported).
class HostProbe {
public:
  virtual ~HostProbe() = default;
  virtual core::preflight::HostFacts probe(const ProbeRequest& request) = 0;
};

} // namespace devk8s::ports
