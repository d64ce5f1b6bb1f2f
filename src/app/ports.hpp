// The ports a use case may be handed, in one bundle: built once per run by the CLI (the real
// adapters in cli/wiring.hpp, fakes in tests). A use case takes the bundle or the ports it uses.
#pragma once

#include "ports/file_system.hpp"
#include "ports/host_probe.hpp"
#include "ports/http_client.hpp"
#include "ports/kube_api.hpp"
#include "ports/process_runner.hpp"
#include "ports/registry_client.hpp"

namespace devk8s::app {

struct Ports {
  ports::FileSystem& fs;
  ports::ProcessRunner& runner;
  ports::HttpClient& http;
  ports::RegistryClient& registry;
  ports::HostProbe& host;
  ports::KubeConnector& kube;
};

} // namespace devk8s::app
