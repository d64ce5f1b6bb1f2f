// A devk8s command run in-process on a fixture host (tests/fixtures/hosts/<name>/): the real
// LinuxHostProbe reading the fixture's /proc and /sys, the tools answering from the fixture
// (host_fixture.hpp), Docker from a fake socket serving the fixture's docker-info.json, and the
// real file system, HTTP client, registry client and Kubernetes connector.
#pragma once

#include "adapters/fs/real_file_system.hpp"
#include "adapters/host/linux_host_probe.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "adapters/registry/distribution_client.hpp"
#include "cli/app.hpp"
#include "support/fake_docker_socket.hpp"
#include "support/host_fixture.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace devk8s::test {

struct HostRun {
  int code = -1;
  std::string out;
  std::string err;
};

/// `script` adds answers to the runner beyond the fixture's tools (e.g. `minikube profile list`).
inline HostRun run_on_host(const std::string& host, const std::vector<std::string>& args, bool with_docker = true,
                           const std::string& minikube_file = "minikube-version.json",
                           const std::map<std::string, std::string>& extra_env = {},
                           const std::function<void(FakeProcessRunner&)>& script = {})
{
  FakeProcessRunner runner;
  script_tools(runner, host, minikube_file);
  if (script) {
    script(runner);
  }
  adapters::RealFileSystem fs;
  adapters::CurlHttpClient http;
  adapters::LinuxHostProbeOptions options;
  options.root = fixture_host(host);
  adapters::LinuxHostProbe probe(runner, http, options);
  PinnedDiskProbe pinned(probe);
  std::unique_ptr<FakeDockerSocket> docker;
  const std::string info = fixture_host(host) + "/docker-info.json";
  std::string docker_host = "unix:///nonexistent/docker.sock";
  if (with_docker && std::filesystem::exists(info)) {
    docker = std::make_unique<FakeDockerSocket>(read_file(info));
    docker_host = docker->docker_host();
  }
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  cli::Streams streams{out, err, in, false};
  std::map<std::string, std::string> vars{{"HOME", "/root"}, {"DOCKER_HOST", docker_host}, {"XDG_CONFIG_HOME", "/nonexistent-devk8s"}};
  vars.insert(extra_env.begin(), extra_env.end());
  const cli::Environment env(std::move(vars));
  adapters::DistributionClient registry(http, fs, runner);
  adapters::CurlKubeConnector kube(http, fs);
  cli::Adapters adapters{fs, runner, http, registry, pinned, kube};
  HostRun run;
  run.code = cli::run(args, streams, env, adapters);
  run.out = out.str();
  run.err = err.str();
  if (docker) {
    // The socket lives in a temporary directory; golden output shows it masked.
    for (auto* text : {&run.out, &run.err}) {
      for (auto pos = text->find(docker->docker_host()); pos != std::string::npos; pos = text->find(docker->docker_host())) {
        text->replace(pos, docker->docker_host().size(), FakeDockerSocket::stable_docker_host());
      }
    }
  }
  return run;
}

} // namespace devk8s::test
