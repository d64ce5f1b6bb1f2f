// `devk8s preflight` end to end: in-process on the fixture hosts (the real LinuxHostProbe reading
// a fixture tree, tools answering from the fixture, Docker from a fake socket), and as the built
// binary on this machine.
#include "adapters/fs/real_file_system.hpp"
#include "adapters/registry/distribution_client.hpp"
#include "adapters/host/linux_host_probe.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "cli/app.hpp"
#include "support/fake_docker_socket.hpp"
#include "support/host_fixture.hpp"
#include "support/host_run.hpp"
#include "support/text.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace devk8s;
using test::fixture_host;
using test::read_file;

namespace {

using devk8s::test::has;

using Run = test::HostRun;

/// Runs `devk8s preflight ARGS` in-process against fixture `host`.
Run preflight_on(const std::string& host, std::vector<std::string> args, bool with_docker = true,
                 const std::string& minikube_file = "minikube-version.json",
                 const std::map<std::string, std::string>& extra_env = {})
{
  args.insert(args.begin(), "preflight");
  return test::run_on_host(host, args, with_docker, minikube_file, extra_env);
}

} // namespace

TEST_CASE("devk8s preflight on the seed host: the golden report", "[cli][preflight]")
{
  // As a 100-column terminal shows it (COLUMNS set): the short table, wrapped.
  const auto run = preflight_on("seed-host", {"--cpus", "1", "--memory", "1024mb", "--mirror", "cn", "--driver", "docker"},
                                true, "minikube-version.json", {{"COLUMNS", "100"}});
  const std::string golden_path = test::source_path("tests/golden/preflight_seed_host.txt");
  if (std::getenv("DEVK8S_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path) << run.out;
  }
  CHECK(run.out == read_file(golden_path));
  CHECK(run.code == 1);
  CHECK(run.err == "devk8s: preflight failed: 5 check(s) failed; the printed minikube command carries the flags that get "
                   "past the forceable ones\n");
}

TEST_CASE("devk8s preflight on the seed host: the done-when of issue #4", "[cli][preflight]")
{
  const auto run = preflight_on("seed-host", {"--cpus", "1", "--memory", "1024mb", "--mirror", "cn", "--driver", "docker", "-o", "json"});
  const auto j = nlohmann::json::parse(run.out);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& f : j["findings"]) {
    by_id[f["id"].get<std::string>()] = f;
  }
  // Every problem minikube printed in the seed transcript, with its evidence.
  CHECK(by_id["cpu.request"]["severity"] == "fail");
  CHECK(by_id["cpu.host"]["evidence"]["value"] == "1 CPU");
  CHECK(by_id["cpu.host"]["evidence"]["source"] == "Cpus_allowed_list 0 in /proc/self/status");
  CHECK(by_id["memory.minimum"]["severity"] == "fail");
  CHECK(by_id["memory.minimum"]["evidence"]["value"] == "1024 MiB");
  CHECK(by_id["memory.recommended"]["severity"] == "warn");
  CHECK(by_id["memory.overhead"]["severity"] == "warn");
  CHECK(by_id["memory.overhead"]["evidence"]["source"] == "--memory, /proc/meminfo MemTotal");
  CHECK(has(by_id["memory.overhead"]["message"], "total 1833 MiB"));
  CHECK(by_id["user.root"]["severity"] == "fail");
  CHECK(by_id["user.root"]["evidence"]["value"] == "uid 0");
  // Not minikube v1.20's false cgroup warning: the memory controller is there.
  CHECK(by_id["cgroup.memory"]["severity"] == "ok");
  CHECK(has(by_id["cgroup.memory"]["message"], "that warning is false here"));
  const auto argv = j["minikube"]["argv"].get<std::vector<std::string>>();
  for (const char* flag : {"--force", "--extra-config=kubeadm.ignore-preflight-errors=NumCPU", "--cpus=1",
                           "--memory=1024mb", "--image-mirror-country=cn", "--driver=docker"}) {
    CAPTURE(flag);
    CHECK(std::find(argv.begin(), argv.end(), flag) != argv.end());
  }
  CHECK(j["result"] == "fail");
  CHECK(j["host"]["docker"]["info"]["ncpu"] == 1);
  CHECK(j["host"]["docker"]["info"]["memTotalMiB"] == 1833);
  CHECK(j["host"]["cgroupVersion"]["value"] == "hybrid");
  CHECK(j["host"]["tools"]["minikube"]["version"] == "v1.20.0");
  CHECK(run.code == 1);
}

TEST_CASE("devk8s preflight's table fits the terminal; the evidence is under -o wide", "[cli][preflight][table]")
{
  const std::vector<std::string> seed = {"--cpus", "1", "--memory", "1024mb", "--mirror", "cn", "--driver", "docker"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = seed;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  SECTION("the short form by default: status, check, finding, action")
  {
    const auto run = preflight_on("seed-host", seed);
    CHECK(run.out.rfind("STATUS   CHECK                FINDING", 0) == 0);
    CHECK_FALSE(has(run.out.substr(0, run.out.find('\n')), "EVIDENCE"));
    CHECK(has(run.out.substr(0, run.out.find('\n')), "ACTION"));
    CHECK_FALSE(has(run.out, "Cpus_allowed_list 0 in /proc/self/status"));
  }
  SECTION("-o wide adds the evidence")
  {
    const auto run = preflight_on("seed-host", with({"-o", "wide"}));
    CHECK(run.code == 1);
    CHECK(has(run.out.substr(0, run.out.find('\n')), "EVIDENCE"));
    CHECK(has(run.out, "1 CPU (Cpus_allowed_list 0 in /proc/self/status)"));
  }
  for (const char* columns : {"80", "120", "160"}) {
    SECTION(std::string("COLUMNS=") + columns + ": no line is wider, in text and wide")
    {
      for (const char* output : {"text", "wide"}) {
        const auto run = preflight_on("seed-host", with({"-o", output}), true, "minikube-version.json", {{"COLUMNS", columns}});
        for (const auto line : devk8s::util::split(run.out, '\n')) {
          CAPTURE(output, line);
          CHECK(devk8s::util::utf8::display_width(line) <= std::stoul(columns));
        }
        // Wrapped, nothing is lost: every action's words are still there, in order.
        CHECK(has(run.out, "--memory=1024mb"));
      }
    }
  }
  SECTION("piped without COLUMNS: whole lines, as kubectl prints them")
  {
    const auto run = preflight_on("seed-host", seed);
    CHECK(has(run.out, "devk8s install minikube --mirror cn); or, after it starts: minikube addons enable "
                            "storage-provisioner"));
  }
}

TEST_CASE("devk8s preflight on the CI container: 1 CPU and 2 GiB, not 64 GiB", "[cli][preflight]")
{
  const auto run = preflight_on("ci-container", {"-o", "json"});
  const auto j = nlohmann::json::parse(run.out);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& f : j["findings"]) {
    by_id[f["id"].get<std::string>()] = f;
  }
  CHECK(by_id["cpu.host"]["evidence"]["value"] == "1 CPU");
  CHECK(by_id["cpu.host"]["evidence"]["source"] == "/sys/fs/cgroup/cpu.max");
  CHECK(by_id["memory.host"]["evidence"]["value"] == "2048 MiB");
  CHECK(by_id["memory.host"]["evidence"]["source"] == "/sys/fs/cgroup/memory.max");
  CHECK(has(by_id["memory.host"]["message"], "the machine has 64298 MiB"));
  CHECK(j["host"]["effectiveCpus"]["value"] == 1.0);
  CHECK(j["host"]["effectiveMemoryMiB"]["value"] == 2048);
  CHECK(j["host"]["effectiveMemoryMiB"]["source"] == "/sys/fs/cgroup/memory.max");
  CHECK(j["host"]["memTotalMiB"]["value"] == 64298);
  CHECK(j["host"]["uid"]["value"] == 1001);
  CHECK(j["host"]["tools"]["minikube"]["state"] == "missing");
  CHECK(j["host"]["tools"]["kubectl"]["version"] == "v1.27.1");
  CHECK(j["host"]["docker"]["reason"] == "no socket at /nonexistent/docker.sock");
  CHECK(by_id["tool.minikube"]["severity"] == "fail");
  CHECK(run.code == 1);
}

TEST_CASE("devk8s preflight on the other fixtures", "[cli][preflight]")
{
  SECTION("laptop: every check ok, exit 0, the plain command")
  {
    const auto run = preflight_on("laptop-cgroup2", {});
    CAPTURE(run.out);
    CHECK(run.code == 0);
    CHECK(has(run.out, "minikube command:\n  minikube start --driver=docker\n"));
    CHECK(has(run.out, "0 failed, 0 warnings,"));
  }
  SECTION("memory controller not delegated: warnings only, exit 3")
  {
    const auto run = preflight_on("cgroup2-no-memory", {"--memory", "4g", "--kubernetes-version", "v1.26.3"});
    CAPTURE(run.out);
    CHECK(run.code == 3);
    CHECK(has(run.out, "the memory controller is not delegated to this cgroup"));
  }
  SECTION("no Docker: docker driver fails with the install hint")
  {
    const auto run = preflight_on("no-docker", {"-o", "junit"});
    CHECK(run.code == 1);
    CHECK(has(run.out, "<testcase classname=\"preflight.docker\" name=\"docker.client\">"));
    CHECK(has(run.out, "https://docs.docker.com/engine/install/"));
    CHECK(has(run.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  }
  SECTION("rootless Docker with minikube v1.32.0: containerd, a warning")
  {
    const auto run = preflight_on("rootless-docker", {"--kubernetes-version", "v1.28.3"});
    CAPTURE(run.out);
    CHECK(run.code == 3);
    CHECK(has(run.out, "minikube start --driver=docker --container-runtime=containerd --kubernetes-version=v1.28.3"));
  }
  SECTION("rootless Docker with minikube v1.22.0: refused")
  {
    const auto run = preflight_on("rootless-docker", {}, true, "minikube-version-v1.22.0.json");
    CHECK(run.code == 1);
    CHECK(has(run.out, "refuses it (rootless Docker is supported since v1.23.0)"));
  }
}

TEST_CASE("devk8s preflight rejects bad input with one line, a hint and exit 2", "[cli][preflight]")
{
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{"--memory=-1"}, "devk8s: error: invalid memory size \"-1\""},
      {{"--memory", "abc"}, "devk8s: error: invalid memory size \"abc\""},
      {{"--memory", "0"}, "devk8s: error: invalid memory size \"0\": must be at least 1 MiB"},
      {{"--cpus", "0"}, "devk8s: error: invalid --cpus \"0\""},
      {{"--cpus", "two"}, "devk8s: error: invalid --cpus \"two\""},
      {{"--driver", "hyperv"}, "devk8s: error: unknown --driver \"hyperv\""},
      {{"--kubernetes-version", "latest-ish"}, "devk8s: error: invalid --kubernetes-version \"latest-ish\""},
      {{"--mirror", "cm"}, "devk8s: error: unknown mirror \"cm\" (did you mean \"cn\"?)"},
      {{"-o", "yaml"}, "devk8s: error: devk8s preflight: "},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const auto run = preflight_on("seed-host", c.args);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.rfind(c.message, 0) == 0);
    CHECK(has(run.err, "\nhint: "));
  }
  SECTION("several problems, one line each")
  {
    const auto run = preflight_on("seed-host", {"--cpus", "0", "--memory", "abc"});
    CHECK(run.code == 2);
    CHECK(has(run.err, "devk8s: error: invalid --cpus \"0\""));
    CHECK(has(run.err, "\ndevk8s: error: invalid memory size \"abc\""));
  }
}

TEST_CASE("devk8s preflight on this machine, as the built binary", "[cli][preflight][e2e]")
{
  const auto result = test::run_devk8s({"preflight", "-o", "json"});
  CAPTURE(result.out, result.err);
  const auto j = nlohmann::json::parse(result.out);
  const std::string verdict = j["result"];
  CHECK(result.exit_code == (verdict == "fail" ? 1 : verdict == "warn" ? 3 : 0));
  CHECK(j["minikube"]["argv"][0] == "minikube");
  CHECK(j["findings"].size() >= 8);
  for (const auto& f : j["findings"]) {
    if (f["severity"] != "ok") {
      CHECK_FALSE(f["action"].get<std::string>().empty());
    }
  }
  const auto text = test::run_devk8s({"preflight"});
  CHECK(text.exit_code == result.exit_code);
  CHECK(has(text.out, "STATUS   CHECK"));
  CHECK(has(text.out, "minikube command:\n  minikube start --driver=docker"));
}
