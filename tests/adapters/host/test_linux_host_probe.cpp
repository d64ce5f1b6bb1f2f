#include "adapters/host/linux_host_probe.hpp"

#include "adapters/http/curl_http_client.hpp"
#include "adapters/process/boost_process_runner.hpp"
#include "support/fake_docker_socket.hpp"
#include "support/host_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace devk8s;
namespace pf = core::preflight;
using test::fixture_host;
using test::read_file;

namespace {

struct Probe {
  test::FakeProcessRunner runner;
  adapters::CurlHttpClient http;

  pf::HostFacts run(const std::string& host, const std::string& docker_host = "unix:///nonexistent/docker.sock",
                    bool check_docker = true)
  {
    adapters::LinuxHostProbeOptions options;
    options.root = fixture_host(host);
    options.docker_timeout = std::chrono::milliseconds(1500);
    adapters::LinuxHostProbe probe(runner, http, options);
    ports::ProbeRequest request;
    request.minikube_home = "/root/.minikube";
    request.docker_host = docker_host;
    request.check_docker = check_docker;
    return probe.probe(request);
  }
};

} // namespace

TEST_CASE("LinuxHostProbe on the seed host fixture", "[host][probe]")
{
  Probe p;
  test::script_tools(p.runner, "seed-host");
  test::FakeDockerSocket docker(read_file(fixture_host("seed-host") + "/docker-info.json"));
  const auto facts = p.run("seed-host", docker.docker_host());

  CHECK(*facts.cpu.affinity.value == 1);
  CHECK(facts.cpu.affinity.source == "Cpus_allowed_list 0 in /proc/self/status");
  CHECK(*facts.cpu.online.value == 1);
  REQUIRE(facts.cpu.quota.known());
  CHECK_FALSE(facts.cpu.quota.value->limited);
  CHECK(*facts.memory.total_bytes.value / pf::k_mib == 1833);
  REQUIRE(facts.memory.limit.known());
  CHECK_FALSE(facts.memory.limit.value->limited); // the v1 sentinel means no limit
  CHECK(facts.memory.limit.source == "/sys/fs/cgroup/memory/user.slice/memory.limit_in_bytes");
  CHECK(*facts.cgroup.version.value == pf::CgroupVersion::hybrid);
  CHECK(facts.cgroup.has("memory"));
  CHECK(facts.cgroup.has("cpu"));
  CHECK_FALSE(*facts.memory.swap_accounting.value);
  CHECK(*facts.uid.value == 0);
  CHECK(*facts.kernel.value == "4.15.0-142-generic");
  CHECK(facts.minikube.version->str() == "v1.20.0");
  CHECK(facts.kubectl.version->str() == "v1.17.9");
  CHECK(facts.docker.version->str() == "v20.10.6");
  REQUIRE(facts.docker_daemon.known());
  CHECK(facts.docker_daemon.value->ncpu == 1);
  CHECK(facts.docker_daemon.value->server_version == "20.10.6");
  CHECK(docker.last_request_line() == "GET /info HTTP/1.1");
  CHECK(p.runner.ran().size() == 3);
  for (const auto& timeout : p.runner.timeouts()) {
    CHECK(timeout.has_value());
  }
  // Issue #9, finding 14: kubectl reads the kubeconfig even for --client, and a wrapper then runs
  // its exec plugin; the probe asks the binary alone.
  for (std::size_t i = 0; i < p.runner.ran().size(); ++i) {
    CAPTURE(p.runner.ran()[i]);
    const bool kubectl = p.runner.ran()[i].front() == "kubectl";
    CHECK((p.runner.envs()[i].count("KUBECONFIG") > 0 && p.runner.envs()[i].at("KUBECONFIG") == "/dev/null") == kubectl);
  }
}

TEST_CASE("LinuxHostProbe on the CI container: the cgroup's 1 CPU and 2 GiB, not the machine's", "[host][probe]")
{
  Probe p;
  test::script_tools(p.runner, "ci-container");
  const auto facts = p.run("ci-container");
  CHECK(*facts.cpu.affinity.value == 16);
  CHECK(*facts.cgroup.version.value == pf::CgroupVersion::v2);
  const auto cpus = pf::effective_cpus(facts.cpu);
  CHECK(*cpus.value == 1.0);
  CHECK(cpus.source == "/sys/fs/cgroup/cpu.max");
  const auto memory = pf::effective_memory_bytes(facts.memory);
  CHECK(*memory.value == 2147483648ull);
  CHECK(memory.source == "/sys/fs/cgroup/memory.max");
  CHECK(*facts.memory.total_bytes.value / pf::k_mib == 64298);
  CHECK(facts.minikube.state == pf::ToolState::missing);
  CHECK(facts.kubectl.version->str() == "v1.27.1");
  CHECK_FALSE(facts.docker_daemon.known());
  CHECK(facts.docker_daemon.reason == "no socket at /nonexistent/docker.sock");
}

TEST_CASE("LinuxHostProbe on cgroup v2 hosts reads the process's own level", "[host][probe]")
{
  SECTION("laptop: controllers delegated to the user's scope, no limits up the tree")
  {
    Probe p;
    test::script_tools(p.runner, "laptop-cgroup2");
    const auto facts = p.run("laptop-cgroup2", "", false);
    CHECK(*facts.cgroup.version.value == pf::CgroupVersion::v2);
    CHECK(*facts.cgroup.controllers.value == std::vector<std::string>{"cpu", "memory", "pids"});
    CHECK(facts.cgroup.controllers.source.find("vte-spawn-5d1e.scope/cgroup.controllers") != std::string::npos);
    CHECK_FALSE(facts.cpu.quota.value->limited);
    CHECK_FALSE(facts.memory.limit.value->limited);
    CHECK(*facts.memory.swap_accounting.value);
    CHECK(*pf::effective_cpus(facts.cpu).value == 8.0);
    CHECK(facts.docker_daemon.reason == "not asked: the driver is not docker");
  }
  SECTION("memory controller not delegated")
  {
    Probe p;
    test::script_tools(p.runner, "cgroup2-no-memory");
    const auto facts = p.run("cgroup2-no-memory", "", false);
    CHECK(*facts.cgroup.controllers.value == std::vector<std::string>{"pids"});
    CHECK_FALSE(facts.cgroup.has("memory"));
  }
}

TEST_CASE("LinuxHostProbe: no Docker, rootless Docker, a broken daemon", "[host][probe]")
{
  SECTION("no docker CLI and no socket")
  {
    Probe p;
    test::script_tools(p.runner, "no-docker");
    const auto facts = p.run("no-docker");
    CHECK(facts.docker.state == pf::ToolState::missing);
    CHECK(facts.minikube.state == pf::ToolState::missing);
    CHECK(facts.kubectl.state == pf::ToolState::missing);
    CHECK_FALSE(facts.docker_daemon.known());
  }
  SECTION("rootless Docker over DOCKER_HOST")
  {
    Probe p;
    test::script_tools(p.runner, "rootless-docker");
    test::FakeDockerSocket docker(read_file(fixture_host("rootless-docker") + "/docker-info.json"));
    const auto facts = p.run("rootless-docker", docker.docker_host());
    REQUIRE(facts.docker_daemon.known());
    CHECK(facts.docker_daemon.value->rootless);
    CHECK(facts.docker_root.path == "/home/dev/.local/share/docker");
  }
  SECTION("a daemon that answers 500")
  {
    Probe p;
    test::FakeDockerSocket docker("{}", test::FakeDockerSocket::Mode::status_500);
    const auto facts = p.run("seed-host", docker.docker_host());
    CHECK(facts.docker_daemon.reason.find("HTTP 500") == 0);
  }
  SECTION("a daemon that never answers is cut off by the timeout")
  {
    Probe p;
    test::FakeDockerSocket docker("{}", test::FakeDockerSocket::Mode::hang);
    const auto start = std::chrono::steady_clock::now();
    const auto facts = p.run("seed-host", docker.docker_host());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK(facts.docker_daemon.reason.find("timeout") == 0);
  }
  SECTION("a DOCKER_HOST devk8s cannot read")
  {
    Probe p;
    const auto facts = p.run("seed-host", "ssh://me@host");
    CHECK(facts.docker_daemon.reason.find("unsupported DOCKER_HOST") == 0);
  }
}

TEST_CASE("LinuxHostProbe on an empty root reports unknowns, never crashes", "[host][probe]")
{
  test::TempDir empty;
  test::FakeProcessRunner runner;
  adapters::CurlHttpClient http;
  adapters::LinuxHostProbeOptions options;
  options.root = empty.path().string();
  adapters::LinuxHostProbe probe(runner, http, options);
  const auto facts = probe.probe(ports::ProbeRequest{"/root/.minikube", "unix:///nonexistent.sock", false, "", true});
  CHECK_FALSE(facts.cpu.affinity.known());
  CHECK(facts.cpu.affinity.reason.find("/proc/self/status") == 0);
  CHECK_FALSE(facts.memory.total_bytes.known());
  CHECK_FALSE(facts.cgroup.version.known());
  CHECK_FALSE(facts.uid.known());
  CHECK_FALSE(facts.kernel.known());
  // The disk probe climbs to the nearest existing parent: the empty root itself.
  CHECK(facts.minikube_home.free_bytes.known());
  CHECK(facts.minikube_home.free_bytes.source == "statvfs /");
}

TEST_CASE("LinuxHostProbe runs real tools in parallel and cuts off one that hangs", "[host][probe][process]")
{
  test::TempDir bin;
  auto script = [&bin](const std::string& name, const std::string& body) {
    const auto path = bin.write(name, "#!/bin/sh\n" + body);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  };
  script("minikube", "sleep 30\n");
  script("kubectl", "sleep 1; cat '" + fixture_host("seed-host") + "/tools/kubectl-version.json'\n");
  script("docker", "sleep 1; echo 20.10.6; echo 'Cannot connect to the Docker daemon' >&2; exit 1\n");
  const std::string old_path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.path().string() + ":/usr/bin:/bin").c_str(), 1);

  adapters::BoostProcessRunner runner;
  adapters::CurlHttpClient http;
  adapters::LinuxHostProbeOptions options;
  options.root = fixture_host("seed-host");
  options.tool_timeout = std::chrono::milliseconds(1500);
  adapters::LinuxHostProbe probe(runner, http, options);
  const auto start = std::chrono::steady_clock::now();
  const auto facts = probe.probe(ports::ProbeRequest{"/root/.minikube", "", false, "", false});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ::setenv("PATH", old_path.c_str(), 1);

  INFO("minikube: " << facts.minikube.detail << "; kubectl: " << facts.kubectl.detail << "; docker: " << facts.docker.detail);
  CHECK(facts.minikube.state == pf::ToolState::timed_out);
  CHECK(facts.minikube.detail == "no answer within 1500 ms; stopped");
  REQUIRE(facts.kubectl.state == pf::ToolState::found);
  CHECK(facts.kubectl.version->str() == "v1.17.9");
  // docker exits 1 without a daemon but still printed its client version.
  REQUIRE(facts.docker.state == pf::ToolState::found);
  CHECK(facts.docker.version->str() == "v20.10.6");
  // In sequence this would take 1.5 + 1 + 1 s; in parallel about the timeout. The gap is wide
  // enough that a loaded CI machine (sanitizers, two cores) cannot blur the two.
  CHECK(elapsed < std::chrono::milliseconds(2800));
}
