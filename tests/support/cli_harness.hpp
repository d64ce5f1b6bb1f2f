// cli::run in-process: on doubles that fail the test when used (run_cli), for what the CLI says
// about itself (help, version, usage errors, colour), where no command may touch the world; or on
// the real adapters (run_in_process), for commands, where the process boundary is not the point.
#pragma once

#include "cli/app.hpp"
#include "cli/wiring.hpp"
#include "ports/host_probe.hpp"
#include "ports/http_client.hpp"
#include "ports/kube_api.hpp"
#include "ports/registry_client.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_process_runner.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

extern char** environ; // POSIX: declared by no standard header in C++ mode

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

/// Runs `devk8s ARGS` in-process; `err_is_tty` pretends stderr is a terminal (colour); `program` is
/// the name it was called by ("kubectl devk8s" for the plugin).
inline CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                      bool err_is_tty = false, const std::string& program = "devk8s")
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
  run.code = cli::run(args, streams, cli::Environment(env), adapters, program);
  run.out = out.str();
  run.err = err.str();
  return run;
}

/// `devk8s ARGS` in-process on the real adapters, with `input` as stdin and this process's
/// environment under `env`, cleaned as test::run_devk8s cleans it (no user maps, no cluster).
inline ports::ProcessResult run_in_process(const std::vector<std::string>& args, const std::string& input = {},
                                           std::map<std::string, std::string> env = {})
{
  env.try_emplace("XDG_CONFIG_HOME", "/nonexistent-devk8s-test-config");
  // No exec credential kept in the developer's cache: nothing can be made under /dev/null, even as root.
  env.try_emplace("XDG_CACHE_HOME", "/dev/null/devk8s-test-cache");
  env.try_emplace("DEVK8S_MIRROR", "");
  env.try_emplace("KUBECONFIG", "");
  env.try_emplace("NO_COLOR", "1");
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    if (const auto eq = text.find('='); eq != std::string::npos) {
      env.try_emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(input);
  cli::Streams streams{out, err, in, false};
  const cli::Environment environment(std::move(env));
  cli::Wiring wiring(environment);
  cli::Adapters adapters = wiring.adapters();
  ports::ProcessResult result;
  result.exit_code = cli::run(args, streams, environment, adapters);
  result.out = out.str();
  result.err = err.str();
  return result;
}

} // namespace devk8s::test
