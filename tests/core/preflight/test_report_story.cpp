// The report as a whole: the printed minikube command and the findings' actions tell one story
// (issue #9, finding 12), and every action names something that exists and can be reached from
// where the user is (finding 11).
#include "core/preflight/engine.hpp"

#include "support/host_facts_builder.hpp"
#include "support/text.hpp"
#include "util/strings.hpp"

#include "support/image_values.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace devk8s::core::preflight;
using devk8s::test::laptop_facts;
using devk8s::test::seed_facts;

namespace {

using devk8s::test::has;

using devk8s::test::k_aliyun;

StartRequest request(std::optional<int> cpus, std::optional<std::uint64_t> memory, bool cn = true)
{
  StartRequest r;
  r.cpus = cpus;
  r.memory_mib = memory;
  r.driver = "docker";
  r.driver_given = true;
  if (cn) {
    r.mirror = MirrorChoice{"cn", {"cn", k_aliyun}};
  }
  return r;
}

const Finding& get(const PreflightReport& report, const std::string& id)
{
  const auto it = std::find_if(report.findings.begin(), report.findings.end(), [&](const Finding& f) { return f.id == id; });
  REQUIRE(it != report.findings.end());
  return *it;
}

std::string force_reason(const PreflightReport& report)
{
  for (const auto& f : report.command.flags) {
    if (f.flag == "--force") {
      return f.reason;
    }
  }
  return {};
}

// The invariant: --force is in the command exactly when a forceable check fails, its reason names
// every one of them and nothing else, and each of them says in its action that devk8s adds --force.
void check_one_story(const PreflightReport& report)
{
  const std::string reason = force_reason(report);
  const std::string lead = "minikube exits on these unless forced: ";
  std::set<std::string> named;
  if (!reason.empty()) {
    REQUIRE(reason.rfind(lead, 0) == 0);
    for (const auto id : devk8s::util::split(std::string_view(reason).substr(lead.size()), ',')) {
      named.insert(std::string(devk8s::util::trim(id)));
    }
  }
  std::set<std::string> forceable;
  for (const auto& f : report.findings) {
    CAPTURE(f.id, f.hint);
    if (f.severity == Severity::fail && f.forceable) {
      forceable.insert(f.id);
      CHECK(has(f.hint, "--force"));
      CHECK(has(f.hint, "devk8s adds"));
    } else if (f.severity == Severity::fail) {
      CHECK_FALSE(has(f.hint, "devk8s adds"));
    }
  }
  CHECK(named == forceable);
}

} // namespace

TEST_CASE("the printed command and the findings tell one story", "[preflight][flags]")
{
  SECTION("1 CPU asked on a roomy host with --memory 1024mb: --force gets past memory.minimum too, and says so")
  {
    const auto report = run_preflight(laptop_facts(), request(1, 1024));
    const auto argv = report.command.argv();
    CHECK(std::find(argv.begin(), argv.end(), "--memory=1024mb") != argv.end());
    CHECK(std::find(argv.begin(), argv.end(), "--force") != argv.end());
    CHECK(has(force_reason(report), "memory.minimum"));
    CHECK(get(report, "memory.minimum").hint ==
          "--memory=1800mb or more (up to --memory=14695mb leaves 1024 MiB to the system); or keep --memory=1024mb "
          "with --force (devk8s adds it)");
    check_one_story(report);
  }
  SECTION("only the memory request is too small: the command still starts, with --force naming it")
  {
    const auto report = run_preflight(laptop_facts(), request(std::nullopt, 1024));
    CHECK(force_reason(report) == "minikube exits on these unless forced: memory.minimum");
    check_one_story(report);
  }
  SECTION("more memory than the host has: forceable; more than Docker has: not, and the action says so")
  {
    auto facts = laptop_facts();
    facts.docker_daemon.value->mem_total = 4ull << 30;
    const auto report = run_preflight(facts, request(std::nullopt, 20000));
    CHECK(get(report, "memory.request").forceable);
    CHECK(has(get(report, "memory.request").hint, "or keep --memory=20000mb with --force (devk8s adds it)"));
    CHECK_FALSE(get(report, "docker.memory").forceable);
    CHECK(has(get(report, "docker.memory").hint, "--force does not get minikube past this one"));
    check_one_story(report);
  }
  SECTION("more CPUs than Docker has")
  {
    auto facts = laptop_facts();
    facts.docker_daemon.value->ncpu = 4;
    const auto report = run_preflight(facts, request(6, std::nullopt));
    CHECK(get(report, "docker.cpus").hint == "--cpus=4; or keep --cpus=6 with --force (devk8s adds it)");
    CHECK(has(force_reason(report), "docker.cpus"));
    check_one_story(report);
  }
  SECTION("the seed host and a healthy laptop")
  {
    check_one_story(run_preflight(seed_facts(), request(1, 1024)));
    check_one_story(run_preflight(laptop_facts(), request(std::nullopt, std::nullopt, false)));
  }
}

TEST_CASE("preflight's actions name only what exists and can be reached", "[preflight][rules]")
{
  auto actions_of = [](const PreflightReport& report) {
    std::string all;
    for (const auto& f : report.findings) {
      all += f.hint + "\n";
    }
    return all;
  };
  SECTION("no command that does not exist yet, no site mainland China cannot reach")
  {
    auto no_minikube = seed_facts();
    no_minikube.minikube = devk8s::test::missing_tool("minikube");
    no_minikube.kubectl = devk8s::test::missing_tool("kubectl");
    for (const auto& report : {run_preflight(seed_facts(), request(1, 1024)), run_preflight(no_minikube, request(1, 1024)),
                               run_preflight(no_minikube, request(1, 1024, false))}) {
      const std::string all = actions_of(report);
      CAPTURE(all);
      CHECK_FALSE(has(all, "devk8s start"));
      CHECK_FALSE(has(all, "minikube.sigs.k8s.io"));
    }
  }
  SECTION("minikube missing: devk8s installs it, from the cn source when a cn mirror is in play")
  {
    auto facts = laptop_facts();
    facts.minikube = devk8s::test::missing_tool("minikube");
    facts.kubectl = devk8s::test::missing_tool("kubectl");
    const auto cn = run_preflight(facts, request(std::nullopt, std::nullopt));
    CHECK(get(cn, "tool.minikube").hint == "devk8s install minikube --mirror cn");
    CHECK(get(cn, "tool.kubectl").hint ==
          "devk8s install kubectl --mirror cn, or use the matching one: minikube kubectl -- get pods -A");
    const auto plain = run_preflight(facts, request(std::nullopt, std::nullopt, false));
    CHECK(get(plain, "tool.minikube").hint == "devk8s install minikube");
  }
  SECTION("minikube v1.20.0 on the Aliyun mirror: upgrade through devk8s, or point the addon at the real path")
  {
    const auto report = run_preflight(seed_facts(), request(1, 1024));
    CHECK(get(report, "mirror.minikube").hint ==
          "upgrade minikube to v1.24.0 or later (devk8s install minikube --mirror cn); or, after it starts: minikube "
          "addons enable storage-provisioner --registries=StorageProvisioner=" + k_aliyun +
              " --images=StorageProvisioner=storage-provisioner:v5");
  }
  SECTION("a private repository: devk8s mirror check says whether minikube's path exists")
  {
    auto r = request(std::nullopt, std::nullopt, false);
    r.mirror = MirrorChoice{"corp", {"", "harbor.corp/k8s"}};
    const auto report = run_preflight(laptop_facts(), r);
    CHECK(has(get(report, "mirror.minikube").hint,
                   "devk8s mirror check harbor.corp/k8s/k8s-minikube/storage-provisioner:v5"));
    auto unknown = laptop_facts();
    unknown.minikube.version.reset();
    CHECK(has(get(run_preflight(unknown, r), "mirror.minikube").hint,
                   "devk8s mirror check harbor.corp/k8s/k8s-minikube/storage-provisioner:v5"));
  }
}
