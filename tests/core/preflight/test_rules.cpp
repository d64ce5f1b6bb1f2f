#include "core/preflight/engine.hpp"
#include "core/preflight/rules/rules.hpp"

#include "support/host_facts_builder.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace devk8s::core::preflight;
using devk8s::test::laptop_facts;
using devk8s::test::seed_facts;

namespace {

using devk8s::test::has;

const Finding* find(const std::vector<Finding>& findings, const std::string& id)
{
  for (const auto& f : findings) {
    if (f.id == id) {
      return &f;
    }
  }
  return nullptr;
}

struct RuleCase {
  const char* name;
  std::function<void(HostFacts&, StartRequest&)> setup;
  const char* id;
  Severity severity;
  const char* message_part; ///< "" to skip; nullptr means the finding must be absent
};

void run_cases(const std::vector<RuleCase>& cases, rules::Findings (*family)(const HostFacts&, const StartRequest&))
{
  for (const auto& c : cases) {
    SECTION(c.name)
    {
      HostFacts facts = laptop_facts();
      StartRequest request;
      c.setup(facts, request);
      const auto findings = family(facts, request);
      const Finding* f = find(findings, c.id);
      if (c.message_part == nullptr) {
        CHECK(f == nullptr);
        continue;
      }
      REQUIRE(f != nullptr);
      CHECK(f->severity == c.severity);
      CAPTURE(f->message);
      CHECK(has(f->message, c.message_part));
      if (f->severity != Severity::ok) {
        CHECK_FALSE(f->hint.empty());
      }
    }
  }
}

} // namespace

TEST_CASE("resource rules", "[preflight][rules]")
{
  const std::vector<RuleCase> cases = {
      {"8 CPUs is fine", [](HostFacts&, StartRequest&) {}, "cpu.host", Severity::ok, "8 CPUs"},
      {"1 CPU host fails kubeadm's NumCPU",
       [](HostFacts& f, StartRequest&) { f.cpu.affinity.value = 1; }, "cpu.host", Severity::fail, "requires at least 2"},
      {"a cgroup quota lowers the count",
       [](HostFacts& f, StartRequest&) { f.cpu.quota = Fact<CgroupLimit>::of({true, 1.5}, "cpu.max"); }, "cpu.host",
       Severity::fail, "gives 1.5 CPU"},
      {"--cpus 1 is below the minimum",
       [](HostFacts&, StartRequest& r) { r.cpus = 1; }, "cpu.request", Severity::fail, "minimum allowed of 2"},
      {"--cpus above what the host gives",
       [](HostFacts&, StartRequest& r) { r.cpus = 16; }, "cpu.request", Severity::fail, "gives only 8"},
      {"unknown CPU count is a warning, not a crash",
       [](HostFacts& f, StartRequest&) {
         f.cpu.affinity = Fact<int>::unknown("gone");
         f.cpu.online = Fact<int>::unknown("gone");
       },
       "cpu.host", Severity::warn, "cannot tell"},
      {"--memory under 1800", [](HostFacts&, StartRequest& r) { r.memory_mib = 1024; }, "memory.minimum", Severity::fail,
       "usable minimum of 1800"},
      {"--memory 1850: recommended only", [](HostFacts&, StartRequest& r) { r.memory_mib = 1850; }, "memory.recommended",
       Severity::warn, "recommended minimum 1900"},
      {"--memory 1850: no minimum failure", [](HostFacts&, StartRequest& r) { r.memory_mib = 1850; }, "memory.minimum",
       Severity::ok, nullptr},
      {"--memory beyond total - 1024 leaves no overhead", [](HostFacts&, StartRequest& r) { r.memory_mib = 15000; },
       "memory.overhead", Severity::warn, "system overhead"},
      {"--memory beyond the host", [](HostFacts&, StartRequest& r) { r.memory_mib = 20000; }, "memory.request",
       Severity::fail, "has only"},
      {"a host under 1800 MiB fails",
       [](HostFacts& f, StartRequest&) { f.memory.total_bytes.value = 1500ull << 20; }, "memory.host", Severity::fail,
       "usable minimum"},
      {"a cgroup memory limit is the host's memory",
       [](HostFacts& f, StartRequest&) { f.memory.limit = Fact<CgroupLimit>::of({true, 2147483648.0}, "memory.max"); },
       "memory.host", Severity::ok, "2048 MiB (a cgroup limit"},
      {"low disk under the minikube home",
       [](HostFacts& f, StartRequest&) { f.minikube_home.free_bytes.value = 1ull << 30; }, "disk.minikube_home",
       Severity::fail, "less than 2 GiB"},
      {"unreadable disk is a warning",
       [](HostFacts& f, StartRequest&) { f.minikube_home.free_bytes = Fact<std::uint64_t>::unknown("EACCES"); },
       "disk.minikube_home", Severity::warn, "cannot tell"},
  };
  run_cases(cases, rules::check_resources);
}

TEST_CASE("cgroup rules", "[preflight][rules]")
{
  const std::vector<RuleCase> cases = {
      {"memory controller present", [](HostFacts&, StartRequest&) {}, "cgroup.memory", Severity::ok, "is available"},
      {"minikube v1.20's false warning is called false, not repeated",
       [](HostFacts& f, StartRequest&) { f.minikube.version = devk8s::core::Version{1, 20, 0, {}}; }, "cgroup.memory",
       Severity::ok, "that warning is false here (kubernetes/minikube#12842"},
      {"v1.26 no longer has it",
       [](HostFacts& f, StartRequest&) { f.minikube.version = devk8s::core::Version{1, 26, 0, {}}; }, "cgroup.memory",
       Severity::ok, "is available, so --memory is enforced"},
      {"v2 without memory delegated",
       [](HostFacts& f, StartRequest&) { f.cgroup.controllers.value = std::vector<std::string>{"cpu", "pids"}; },
       "cgroup.memory", Severity::warn, "not delegated"},
      {"v1 without memory",
       [](HostFacts& f, StartRequest&) {
         f.cgroup.version.value = CgroupVersion::v1;
         f.cgroup.controllers.value = std::vector<std::string>{"cpu", "pids"};
       },
       "cgroup.memory", Severity::warn, "not enabled"},
      {"unreadable cgroups",
       [](HostFacts& f, StartRequest&) { f.cgroup.version = Fact<CgroupVersion>::unknown("no /proc/mounts"); },
       "cgroup.version", Severity::warn, "cannot tell"},
  };
  run_cases(cases, rules::check_cgroups);
}

TEST_CASE("docker rules", "[preflight][rules]")
{
  const std::vector<RuleCase> cases = {
      {"a healthy daemon", [](HostFacts&, StartRequest&) {}, "docker.daemon", Severity::ok, "Docker 20.10.6 answers"},
      {"daemon unreachable",
       [](HostFacts& f, StartRequest&) { f.docker_daemon = Fact<DockerInfo>::unknown("no socket at /var/run/docker.sock"); },
       "docker.daemon", Severity::fail, "no socket at /var/run/docker.sock"},
      {"docker CLI missing", [](HostFacts& f, StartRequest&) { f.docker = devk8s::test::missing_tool("docker"); },
       "docker.client", Severity::fail, "not on PATH"},
      {"Docker's own CPUs below 2", [](HostFacts& f, StartRequest&) { f.docker_daemon.value->ncpu = 1; }, "docker.cpus",
       Severity::fail, "Docker has 1 CPU"},
      {"--memory above Docker's MemTotal", [](HostFacts& f, StartRequest& r) {
         f.docker_daemon.value->mem_total = 4ull << 30;
         r.memory_mib = 8192;
       }, "docker.memory", Severity::fail, "Docker has only 4096 MiB"},
      {"MemoryLimit false", [](HostFacts& f, StartRequest&) { f.docker_daemon.value->memory_limit = false; },
       "docker.memory_limit", Severity::warn, "MemoryLimit false"},
      {"rootless Docker with minikube v1.22 is refused", [](HostFacts& f, StartRequest&) {
         f.docker_daemon.value->rootless = true;
         f.minikube.version = devk8s::core::Version{1, 22, 0, {}};
       }, "docker.rootless", Severity::fail, "refuses it"},
      {"rootless Docker with minikube v1.32 needs containerd", [](HostFacts& f, StartRequest&) {
         f.docker_daemon.value->rootless = true;
       }, "docker.rootless", Severity::warn, "--container-runtime=containerd"},
      {"not judged for another driver", [](HostFacts& f, StartRequest& r) {
         f.docker_daemon = Fact<DockerInfo>::unknown("not asked");
         r.driver = "kvm2";
       }, "docker.daemon", Severity::ok, nullptr},
  };
  run_cases(cases, rules::check_docker);
}

TEST_CASE("user and driver rules", "[preflight][rules]")
{
  const std::vector<RuleCase> cases = {
      {"root with docker", [](HostFacts& f, StartRequest&) { f.uid.value = 0; }, "user.root", Severity::fail,
       "should not be used with root privileges"},
      {"root with none", [](HostFacts& f, StartRequest& r) {
         f.uid.value = 0;
         r.driver = "none";
       }, "user.root", Severity::ok, "root with the none driver"},
      {"none without root", [](HostFacts&, StartRequest& r) { r.driver = "none"; }, "user.root", Severity::warn,
       "needs root"},
      {"unknown driver", [](HostFacts&, StartRequest& r) { r.driver = "hyperv"; }, "driver.supported", Severity::fail,
       "no Linux driver hyperv"},
  };
  run_cases(cases, rules::check_user_driver);
}

TEST_CASE("version rules", "[preflight][rules]")
{
  const std::vector<RuleCase> cases = {
      {"minikube missing", [](HostFacts& f, StartRequest&) { f.minikube = devk8s::test::missing_tool("minikube"); },
       "tool.minikube", Severity::fail, "not on PATH"},
      {"minikube hung", [](HostFacts& f, StartRequest&) {
         f.minikube.state = ToolState::timed_out;
         f.minikube.version.reset();
         f.minikube.detail = "no answer within 3000 ms; stopped";
       }, "tool.minikube", Severity::fail, "did not answer: no answer within 3000 ms"},
      {"kubectl 1.17.9 against minikube v1.20.0's default v1.20.2 (the seed transcript)", [](HostFacts& f, StartRequest&) {
         f.minikube.version = devk8s::core::Version{1, 20, 0, {}};
         f.kubectl.version = devk8s::core::Version{1, 17, 9, {}};
       }, "tool.kubectl", Severity::warn, "kubectl v1.17.9 may have incompatibilities with Kubernetes v1.20.2"},
      {"kubectl one minor away is fine", [](HostFacts&, StartRequest& r) {
         r.kubernetes_version = devk8s::core::Version{1, 29, 0, {}};
       }, "tool.kubectl", Severity::ok, "within one minor version"},
      {"unknown cluster version: skew not checked", [](HostFacts&, StartRequest&) {}, "tool.kubectl", Severity::ok,
       "skew not checked"},
      {"kubectl missing is a warning", [](HostFacts& f, StartRequest&) { f.kubectl = devk8s::test::missing_tool("kubectl"); },
       "tool.kubectl", Severity::warn, "not on PATH"},
  };
  run_cases(cases, rules::check_versions);
}

TEST_CASE("mirror bug rules", "[preflight][rules]")
{
  auto cn = [](StartRequest& r) {
    r.mirror = MirrorChoice{"cn", {"cn", "registry.cn-hangzhou.aliyuncs.com/google_containers"}};
  };
  const std::vector<RuleCase> cases = {
      {"no mirror, no finding", [](HostFacts&, StartRequest&) {}, "mirror.minikube", Severity::ok, nullptr},
      {"cn with v1.20.0: the storage-provisioner bug", [cn](HostFacts& f, StartRequest& r) {
         cn(r);
         f.minikube.version = devk8s::core::Version{1, 20, 0, {}};
       }, "mirror.minikube", Severity::warn, "k8s-minikube/storage-provisioner:v5, which does not exist"},
      {"cn with v1.23.0 still broken", [cn](HostFacts& f, StartRequest& r) {
         cn(r);
         f.minikube.version = devk8s::core::Version{1, 23, 0, {}};
       }, "mirror.minikube", Severity::warn, "kubernetes/minikube#11881"},
      {"cn with v1.24.0 is fixed", [cn](HostFacts& f, StartRequest& r) {
         cn(r);
         f.minikube.version = devk8s::core::Version{1, 24, 0, {}};
       }, "mirror.minikube", Severity::ok, "maps addon images"},
      {"a repository with a port on minikube v1.20.0", [](HostFacts& f, StartRequest& r) {
         r.mirror = MirrorChoice{"corp", {"", "harbor.corp:5000/k8s"}};
         f.minikube.version = devk8s::core::Version{1, 20, 0, {}};
       }, "mirror.port", Severity::fail, "#11585"},
      {"a repository with a port on minikube v1.23.0 is fine", [](HostFacts& f, StartRequest& r) {
         r.mirror = MirrorChoice{"corp", {"", "harbor.corp:5000/k8s"}};
         f.minikube.version = devk8s::core::Version{1, 23, 0, {}};
       }, "mirror.port", Severity::ok, nullptr},
      {"a private repository is prefixed naively by every version", [](HostFacts&, StartRequest& r) {
         r.mirror = MirrorChoice{"corp", {"", "harbor.corp:5000/k8s"}};
       }, "mirror.minikube", Severity::warn, "naively"},
      // minikube drops a scheme and a trailing '/' from --image-repository (validateImageRepository),
      // so this is the Aliyun repository its fixes match.
      {"the Aliyun repository written as a URL is the Aliyun repository", [](HostFacts& f, StartRequest& r) {
         r.mirror = MirrorChoice{"ali", {"", "https://registry.cn-hangzhou.aliyuncs.com/google_containers/"}};
         f.minikube.version = devk8s::core::Version{1, 24, 0, {}};
       }, "mirror.minikube", Severity::ok, "maps addon images onto registry.cn-hangzhou.aliyuncs.com/google_containers itself"},
      {"a scheme is not a port", [](HostFacts& f, StartRequest& r) {
         r.mirror = MirrorChoice{"corp", {"", "https://harbor.corp/k8s"}};
         f.minikube.version = devk8s::core::Version{1, 20, 0, {}};
       }, "mirror.port", Severity::ok, nullptr},
      {"a country minikube does not know", [](HostFacts& f, StartRequest& r) {
         r.mirror = MirrorChoice{"xx", {"xx", ""}};
         f.minikube.version = devk8s::core::Version{1, 24, 0, {}};
       }, "mirror.minikube", Severity::warn, "invalid image mirror country code"},
  };
  run_cases(cases, rules::check_mirror_bugs);
}
