#include "core/preflight/engine.hpp"

#include "support/host_facts_builder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace devk8s::core::preflight;
using devk8s::test::laptop_facts;
using devk8s::test::seed_facts;

namespace {

std::vector<std::string> argv_of(const HostFacts& facts, const StartRequest& request)
{
  return run_preflight(facts, request).command.argv();
}

StartRequest seed_request()
{
  StartRequest r;
  r.cpus = 1;
  r.memory_mib = 1024;
  r.driver = "docker";
  r.driver_given = true;
  r.mirror = MirrorChoice{"cn", {"cn", "registry.cn-hangzhou.aliyuncs.com/google_containers"}};
  return r;
}

bool has(const std::vector<std::string>& argv, const std::string& word)
{
  return std::find(argv.begin(), argv.end(), word) != argv.end();
}

} // namespace

TEST_CASE("the seed host's request becomes the seed transcript's flags", "[preflight][flags]")
{
  const auto report = run_preflight(seed_facts(), seed_request());
  CHECK(report.command.argv() ==
        std::vector<std::string>{"minikube", "start", "--driver=docker", "--cpus=1", "--memory=1024mb",
                                 "--image-mirror-country=cn", "--force",
                                 "--extra-config=kubeadm.ignore-preflight-errors=NumCPU"});
  const auto force = std::find_if(report.command.flags.begin(), report.command.flags.end(),
                                  [](const PlannedFlag& f) { return f.flag == "--force"; });
  REQUIRE(force != report.command.flags.end());
  for (const char* id : {"cpu.host", "cpu.request", "memory.minimum", "docker.cpus", "user.root"}) {
    CAPTURE(id);
    CHECK(force->reason.find(id) != std::string::npos);
  }
  for (const auto& f : report.command.flags) {
    CAPTURE(f.flag);
    CHECK_FALSE(f.reason.empty());
  }
}

TEST_CASE("the seed host's findings: what minikube printed, with evidence", "[preflight][engine]")
{
  const auto report = run_preflight(seed_facts(), seed_request());
  auto get = [&report](const std::string& id) -> const Finding& {
    for (const auto& f : report.findings) {
      if (f.id == id) {
        return f;
      }
    }
    FAIL("no finding " << id);
    throw std::logic_error("unreachable");
  };
  CHECK(get("cpu.host").severity == Severity::fail);
  CHECK(get("cpu.host").evidence_text() == "1 CPU (Cpus_allowed_list 0 in /proc/self/status)");
  CHECK(get("cpu.request").message == "requested cpu count 1 is less than the minimum allowed of 2");
  CHECK(get("memory.minimum").message == "requested memory allocation 1024 MiB is less than the usable minimum of 1800 MB");
  CHECK(get("memory.minimum").hint.find("--memory=809mb") != std::string::npos);
  CHECK(get("memory.recommended").severity == Severity::warn);
  CHECK(get("memory.overhead").message ==
        "requested 1024 MiB does not leave room for system overhead (total 1833 MiB)");
  CHECK(get("memory.overhead").hint == "the largest value that leaves 1024 MiB to the system is --memory=809mb");
  CHECK(get("user.root").message == "the \"docker\" driver should not be used with root privileges");
  CHECK(get("user.root").evidence_text() == "uid 0 (Uid in /proc/self/status)");
  CHECK(get("cgroup.memory").severity == Severity::ok);
  CHECK(get("tool.kubectl").severity == Severity::warn);
  CHECK(get("mirror.minikube").severity == Severity::warn);
  CHECK(report.overall == Severity::fail);
  // minikube's "Your cgroup does not allow setting memory." is not repeated as a problem.
  for (const auto& f : report.findings) {
    if (f.severity != Severity::ok) {
      CHECK(f.message.find("does not allow setting memory") == std::string::npos);
    }
  }
}

TEST_CASE("plan_minikube_start in other situations", "[preflight][flags]")
{
  SECTION("a roomy laptop with defaults: only the driver")
  {
    CHECK(argv_of(laptop_facts(), StartRequest{}) == std::vector<std::string>{"minikube", "start", "--driver=docker"});
    CHECK(run_preflight(laptop_facts(), StartRequest{}).overall == Severity::ok);
  }
  SECTION("1 CPU on minikube v1.29+: --force alone, kubeadm ignores NumCPU itself")
  {
    auto facts = seed_facts();
    facts.minikube.version = devk8s::core::Version{1, 29, 0, {}};
    const auto argv = argv_of(facts, seed_request());
    CHECK(has(argv, "--force"));
    CHECK_FALSE(has(argv, "--extra-config=kubeadm.ignore-preflight-errors=NumCPU"));
  }
  SECTION("unknown minikube version: keep the NumCPU flag, it is harmless when not needed")
  {
    auto facts = seed_facts();
    facts.minikube = devk8s::test::missing_tool("minikube");
    CHECK(has(argv_of(facts, seed_request()), "--extra-config=kubeadm.ignore-preflight-errors=NumCPU"));
  }
  SECTION("1 CPU host without --cpus: devk8s asks for what the host has")
  {
    auto argv = argv_of(seed_facts(), StartRequest{});
    CHECK(has(argv, "--cpus=1"));
  }
  SECTION("a CI job's container on a big host: its cgroup limits size the cluster, not the host")
  {
    auto facts = laptop_facts(); // 8 CPUs, 15.3 GiB
    facts.cpu.quota = Fact<CgroupLimit>::of({true, 2.5}, "/sys/fs/cgroup/cpu.max 250000 100000");
    facts.memory.limit = Fact<CgroupLimit>::of({true, 7.0 * 1024 * 1024 * 1024}, "/sys/fs/cgroup/memory.max 7516192768");
    const auto plan = run_preflight(facts, StartRequest{});
    const auto argv = plan.command.argv();
    CHECK(has(argv, "--cpus=2"));        // whole CPUs of 2.5
    CHECK(has(argv, "--memory=6144mb")); // 7 GiB less 1024 MiB for the host
    // What the user asks for wins over the limits.
    StartRequest asked;
    asked.cpus = 4;
    asked.memory_mib = 4096;
    const auto own = argv_of(facts, asked);
    CHECK(has(own, "--cpus=4"));
    CHECK(has(own, "--memory=4096mb"));
    // A limit no smaller than the host, or too small to run minikube, passes nothing: the host's
    // own sizing, or the memory rule's advice, stands.
    facts.cpu.quota = Fact<CgroupLimit>::of({true, 8.0}, "/sys/fs/cgroup/cpu.max 800000 100000");
    facts.memory.limit = Fact<CgroupLimit>::of({true, 2.0 * 1024 * 1024 * 1024}, "/sys/fs/cgroup/memory.max 2147483648");
    const auto loose = argv_of(facts, StartRequest{});
    CHECK(std::none_of(loose.begin(), loose.end(), [](const std::string& w) { return w.rfind("--cpus", 0) == 0; }));
    CHECK(std::none_of(loose.begin(), loose.end(), [](const std::string& w) { return w.rfind("--memory", 0) == 0; }));
  }
  SECTION("root with the none driver: no --force for the user")
  {
    auto facts = laptop_facts();
    facts.uid.value = 0;
    StartRequest r;
    r.driver = "none";
    r.driver_given = true;
    const auto argv = argv_of(facts, r);
    CHECK(has(argv, "--driver=none"));
    CHECK_FALSE(has(argv, "--force"));
  }
  SECTION("a mirror known only by repository")
  {
    StartRequest r;
    r.mirror = MirrorChoice{"corp", {"", "harbor.corp:5000/k8s"}};
    CHECK(has(argv_of(laptop_facts(), r), "--image-repository=harbor.corp:5000/k8s"));
  }
  SECTION("rootless Docker gets containerd")
  {
    auto facts = laptop_facts();
    facts.docker_daemon.value->rootless = true;
    CHECK(has(argv_of(facts, StartRequest{}), "--container-runtime=containerd"));
  }
  SECTION("profile and Kubernetes version pass through")
  {
    StartRequest r;
    r.profile = "dev";
    r.kubernetes_version = devk8s::core::Version{1, 20, 2, {}};
    const auto argv = argv_of(laptop_facts(), r);
    CHECK(argv[2] == "--profile=dev");
    CHECK(has(argv, "--kubernetes-version=v1.20.2"));
  }
}

TEST_CASE("a Kubernetes channel passes through and turns the skew check off", "[preflight][flags]")
{
  auto facts = seed_facts(); // minikube v1.20.0, kubectl v1.17.9: skewed against the v1.20.2 default
  StartRequest r;
  r.kubernetes_channel = "stable";
  const auto report = run_preflight(facts, r);
  CHECK(has(report.command.argv(), "--kubernetes-version=stable"));
  for (const auto& f : report.findings) {
    if (f.id == "tool.kubectl") {
      CHECK(f.severity == Severity::ok);
      CHECK(f.message.find("skew not checked") != std::string::npos);
    }
  }
}

TEST_CASE("minikube_home_dir follows localpath.MiniPath", "[preflight]")
{
  CHECK(minikube_home_dir("", "/root") == "/root/.minikube");
  CHECK(minikube_home_dir("/data/mk", "/root") == "/data/mk/.minikube");
  CHECK(minikube_home_dir("/data/.minikube/", "/root") == "/data/.minikube");
  CHECK(minikube_home_dir("", "") == "/");
}
