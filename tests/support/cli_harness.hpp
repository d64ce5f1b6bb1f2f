// cli::run in-process on doubles that fail the test when used: for what the CLI says about
// itself (help, version, usage errors, colour), where no command may touch the world.
#pragma once

#include "cli/app.hpp"
#include "ports/host_probe.hpp"
#include "ports/http_client.hpp"
#include "ports/kube_api.hpp"
#include "ports/registry_client.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_process_runner.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

namespace devk8s::test {

class UnusedHttp final : public ports::HttpClient {
public:
  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>&) override
  {
    FAIL("the network was used");
    return {};
  }
};

class UnusedRegistry final : public ports::RegistryClient {
public:
  std::vector<core::registry::Outcome> check_manifests(const std::vector<core::image::ImageRef>&,
                                                       const ports::RegistryCheckOptions&) override
  {
    FAIL("a registry was asked");
    return {};
  }
};

class UnusedHostProbe final : public ports::HostProbe {
public:
  core::preflight::HostFacts probe(const ports::ProbeRequest&) override
  {
    FAIL("the host was probed");
    return {};
  }
};

class UnusedKube final : public ports::KubeConnector {
public:
  util::Result<std::unique_ptr<ports::KubeApi>> connect(const core::kube::ClusterAccess&) override
  {
    FAIL("a cluster was asked");
    return util::failure("no cluster in this test");
  }
};

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

/// Runs `devk8s ARGS` in-process; `err_is_tty` pretends stderr is a terminal (colour).
inline CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                      bool err_is_tty = false)
{
  FakeFileSystem fs;
  FakeProcessRunner runner;
  UnusedHttp http;
  UnusedRegistry registry;
  UnusedHostProbe host;
  UnusedKube kube;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  cli::Streams streams{out, err, in, err_is_tty};
  cli::Adapters adapters{fs, runner, http, registry, host, kube};
  CliRun run;
  run.code = cli::run(args, streams, cli::Environment(env), adapters);
  run.out = out.str();
  run.err = err.str();
  return run;
}

} // namespace devk8s::test
