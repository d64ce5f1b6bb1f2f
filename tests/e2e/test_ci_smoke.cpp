// scripts/ci-smoke.sh end to end on the simulation (issue #14), as a CI job runs it: CI=true, no
// terminal (pipes only), the tools already on PATH (the simulated minikube, kubectl 1.20), a
// Docker daemon for preflight (fake_docker_socket.hpp), and the fresh-host-cn scenario: the cn
// map's names (Aliyun for Google's images, DaoCloud for Docker Hub's) served by the local
// registry. The script starts the cluster, smoke-tests it, and deletes it at the end.
#include "support/fake_docker_socket.hpp"
#include "support/host_fixture.hpp"
#include "support/run_devk8s.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using nlohmann::json;

namespace {

using devk8s::test::has;
using devk8s::test::read_file;

struct CiSmokeSim {
  CiSmokeSim()
    : sim("fresh-host-cn"),
      docker(read_file(devk8s::test::fixture_host("seed-host") + "/docker-info.json")),
      host(devk8s::test::shared_registry(devk8s::test::Flavour::plain).host())
  {
  }

  devk8s::ports::ProcessResult run_script(std::map<std::string, std::string> more = {}) const
  {
    const std::string kubectl_dir = std::filesystem::path(devk8s::test::kubectl_120()).parent_path().string();
    const std::string aliyun = "registry.cn-hangzhou.aliyuncs.com=" + host;
    std::map<std::string, std::string> env = {
        {"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + devk8s::test::source_path("tests/sim/docker-cli") + ":" +
                     kubectl_dir + ":" + std::getenv("PATH")},
        {"CI", "true"},
        {"DEVK8S_SIM_STATE", sim.state_dir()},
        {"KUBECONFIG", sim.kubeconfig()},
        {"HOME", home.path().string()},
        {"TMPDIR", home.path().string()},
        {"XDG_CONFIG_HOME", home.path().string() + "/config"},
        {"XDG_CACHE_HOME", home.path().string() + "/cache"},
        {"DOCKER_HOST", docker.docker_host()},
        {"NO_PROXY", "127.0.0.1"},
        {"NO_COLOR", "1"},
        {"DEVK8S", DEVK8S_BINARY},
        {"DEVK8S_PROFILE", "minikube"}, // the simulation's one profile
        {"DEVK8S_MIRROR", "cn"},
        {"DEVK8S_CPUS", "1"}, // the simulated host's, not this machine's
        {"DEVK8S_REPORT_DIR", report()},
        {"DEVK8S_TIMEOUT", "30s"},
        {"DEVK8S_START_FLAGS",
         "--registry-endpoint " + aliyun + " --insecure-registry " + host + " --skip-upstream --timeout 40s"},
        {"DEVK8S_SMOKE_FLAGS", "--registry-endpoint " + aliyun + " --registry-endpoint docker.m.daocloud.io=" + host +
                                   " --insecure-registry " + host}};
    for (auto& [k, v] : more) {
      env[k] = v;
    }
    devk8s::ports::Command command;
    command.argv = {devk8s::test::source_path("scripts/ci-smoke.sh")};
    command.env = std::move(env);
    command.timeout = std::chrono::seconds(120);
    devk8s::adapters::BoostProcessRunner runner;
    auto result = runner.run(command);
    if (!result) {
      throw std::runtime_error("cannot run scripts/ci-smoke.sh: " + result.error().message);
    }
    return *result;
  }

  std::string report() const { return home.path().string() + "/report"; }

  devk8s::test::SimCluster sim;
  devk8s::test::TempDir home;
  devk8s::test::FakeDockerSocket docker;
  std::string host;
};

} // namespace

TEST_CASE("ci-smoke.sh: start, smoke, JUnit report, and the profile deleted, with CI=true and no terminal",
          "[sim][e2e][smoke]")
{
  CiSmokeSim s;
  auto r = s.run_script();
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.err, "ci-smoke: starting profile minikube"));
  CHECK(has(r.err, "ci-smoke: smoke passed"));
  CHECK(has(r.err, "ci-smoke: deleting profile minikube"));
  CHECK_FALSE(std::filesystem::exists(s.report() + "/.junit.xml.part"));
  // The JUnit report: three checks, none failed.
  const auto junit = read_file(s.report() + "/junit.xml");
  CHECK(has(junit, "<testsuites name=\"devk8s smoke\""));
  CHECK(has(junit, "tests=\"3\" failures=\"0\""));
  const auto smoke = json::parse(read_file(s.report() + "/smoke.json"));
  CHECK(smoke["passed"] == true);
  CHECK(smoke["images"][0]["used"] == "docker.m.daocloud.io/library/busybox:1.36.1");
  // start's report was kept, and the cluster it made is gone (the trap's minikube delete).
  CHECK(has(read_file(s.report() + "/start.log"), "doctor: healthy"));
  CHECK(s.sim.state()["minikube"]["profile"].is_null());
}

TEST_CASE("ci-smoke.sh: a start that fails is the job's exit code, with minikube's logs kept", "[sim][e2e][smoke]")
{
  CiSmokeSim s;
  // minikube's own CPU check not ignored on the one-CPU host: it exits 29 (RSRC_INSUFFICIENT_CORES).
  const std::string aliyun = "registry.cn-hangzhou.aliyuncs.com=" + s.host;
  auto r = s.run_script({{"DEVK8S_START_FLAGS", "--registry-endpoint " + aliyun + " --insecure-registry " + s.host +
                                                    " --skip-upstream -- --force=false"}});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code != 0);
  CHECK(r.exit_code == 1); // devk8s start's: minikube failed
  CHECK(has(r.out, "RSRC_INSUFFICIENT_CORES")); // start's report and progress, teed to the job's stdout
  CHECK(has(r.err, "ci-smoke: devk8s start failed (exit 1); collecting minikube's logs"));
  CHECK(std::filesystem::exists(s.report() + "/minikube-logs.txt"));
  CHECK_FALSE(std::filesystem::exists(s.report() + "/junit.xml")); // smoke never ran
  CHECK(has(r.err, "ci-smoke: deleting profile minikube")); // the trap ran all the same
}

TEST_CASE("ci-smoke.sh: a smoke test that fails is the job's exit code, with the report for the artifacts",
          "[sim][e2e][smoke]")
{
  CiSmokeSim s;
  // Too short for the simulated pods to run: the checks still pending fail at their deadline.
  auto r = s.run_script({{"DEVK8S_TIMEOUT", "1ms"}});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "ci-smoke: smoke failed (exit 1): " + s.report() + "/doctor.txt says why"));
  const auto junit = read_file(s.report() + "/junit.xml");
  CHECK(has(junit, "<testsuites name=\"devk8s smoke\" tests=\""));
  CHECK_FALSE(has(junit, "failures=\"0\""));
  CHECK(std::filesystem::exists(s.report() + "/doctor.txt"));
  CHECK(std::filesystem::exists(s.report() + "/objects.txt"));
  CHECK(has(r.err, "ci-smoke: deleting profile minikube"));
  CHECK(s.sim.state()["minikube"]["profile"].is_null());
}
