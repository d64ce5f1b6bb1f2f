// HostProbe for Linux: /proc and /sys under a root prefix (host_files.hpp), minikube, kubectl
// and docker versions run in parallel through the ProcessRunner with a timeout each, and the
// Docker daemon's GET /info over its socket through the HttpClient.
#pragma once

#include "ports/host_probe.hpp"
#include "ports/http_client.hpp"
#include "ports/process_runner.hpp"

#include <chrono>
#include <string>

namespace devk8s::adapters {

struct LinuxHostProbeOptions {
  std::string root = "/";       ///< where /proc and /sys are read (a fixture tree in tests)
  std::chrono::milliseconds tool_timeout{3000};
  std::chrono::milliseconds docker_timeout{2000};
};

class LinuxHostProbe final : public ports::HostProbe {
public:
  LinuxHostProbe(ports::ProcessRunner& runner, ports::HttpClient& http, LinuxHostProbeOptions options = {});
  core::preflight::HostFacts probe(const ports::ProbeRequest& request) override;

private:
  ports::ProcessRunner& m_runner;
  ports::HttpClient& m_http;
  LinuxHostProbeOptions m_options;
};

} // namespace devk8s::adapters
