// start's pure decisions: what stops it, the argv it runs, which addons it repairs, and the
// checks that prove the cluster works.
#include "core/plan/wait_condition.hpp"
#include "core/start/start_plan.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s;
using namespace devk8s::core;

namespace {

finding::Finding fail(const std::string& id, bool forceable)
{
  finding::Finding f;
  f.id = id;
  f.severity = finding::Severity::fail;
  f.forceable = forceable;
  f.message = id + " failed";
  return f;
}

start::ImageRow row(const std::string& component, start::Repair repair)
{
  start::ImageRow r;
  r.image.component = component;
  r.repair = repair;
  return r;
}

} // namespace

TEST_CASE("start: preflight failures that no flag gets past stop it; forceable ones and the tools do not",
          "[start]")
{
  finding::Finding ok;
  ok.id = "memory.host";
  const auto blockers = start::preflight_blockers({ok, fail("cpu.request", true), fail("docker.daemon", false),
                                                   fail("tool.minikube", false), fail("tool.kubectl", false),
                                                   fail("disk.minikube_home", false)});
  REQUIRE(blockers.size() == 2);
  CHECK(blockers[0].id == "docker.daemon");
  CHECK(blockers[1].id == "disk.minikube_home");
}

TEST_CASE("start: the argv is preflight's, then --addons, then the user's flags last", "[start]")
{
  const auto argv = start::start_argv({"minikube", "start", "--driver=docker", "--cpus=1"}, {"metrics-server", "ingress"},
                                      {"--container-runtime", "containerd"});
  CHECK(argv == std::vector<std::string>{"minikube", "start", "--driver=docker", "--cpus=1", "--addons=metrics-server",
                                         "--addons=ingress", "--container-runtime", "containerd"});
  SECTION("a flag's value as minikube reads it: either form, the last one winning")
  {
    CHECK(start::flag_value(argv, "--container-runtime") == "containerd");
    CHECK(start::flag_value(argv, "--cpus") == "1");
    CHECK_FALSE(start::flag_value(argv, "--image-repository"));
    CHECK(start::flag_value({"--image-mirror-country=cn", "--image-mirror-country", "global"}, "--image-mirror-country") ==
          "global");
    // A flag with no value after it is not a value.
    CHECK_FALSE(start::flag_value({"minikube", "start", "--nodes"}, "--nodes"));
  }
}

TEST_CASE("start: the addons to repair after start, each once, in table order", "[start]")
{
  start::ImageVerdict verdict;
  verdict.rows = {row("kube-apiserver", start::Repair::none), row("storage-provisioner", start::Repair::retag),
                  row("dashboard", start::Repair::enable_images), row("dashboard", start::Repair::enable_images),
                  row("ingress", start::Repair::missing), row("metrics-server", start::Repair::unknown)};
  CHECK(start::addons_to_repair(verdict) == std::vector<std::string>{"storage-provisioner", "dashboard"});
  CHECK(start::addons_to_repair(start::ImageVerdict{}).empty());
}

TEST_CASE("start: the verify plan waits for kube-system, then proves a claim of the default class binds", "[start]")
{
  start::VerifyOptions options;
  options.timeout = std::chrono::seconds(90);
  const auto p = start::verify_plan(options);
  REQUIRE(p.steps.size() == 5);
  const auto& ready = std::get<plan::Wait>(p.steps[0].action);
  CHECK(plan::describe(ready.condition) == "pods in kube-system Ready");
  CHECK(ready.timeout == std::chrono::seconds(90));

  const auto& create = std::get<plan::KubeRequest>(p.steps[1].action);
  CHECK(create.verb == plan::KubeRequest::Verb::create);
  CHECK(create.path == "/api/v1/namespaces/default/persistentvolumeclaims");
  CHECK(create.exists_ok);
  const auto claim = nlohmann::json::parse(create.body);
  CHECK(claim["metadata"]["name"] == "devk8s-start-storage-check");
  // The default class decides: no storageClassName at all (an empty one would mean "no class").
  CHECK_FALSE(claim["spec"].contains("storageClassName"));

  const auto& bound = std::get<plan::Wait>(p.steps[2].action);
  CHECK(plan::describe(bound.condition) == "persistentvolumeclaims devk8s-start-storage-check in default Bound");
  const auto& remove = std::get<plan::KubeRequest>(p.steps[3].action);
  CHECK(remove.verb == plan::KubeRequest::Verb::remove);
  CHECK(remove.path == "/api/v1/namespaces/default/persistentvolumeclaims/devk8s-start-storage-check");
  CHECK(std::get<plan::Wait>(p.steps[4].action).condition.state == plan::WaitState::gone);

  const auto cleanup = start::cleanup_plan(options);
  REQUIRE(cleanup.steps.size() == 1);
  CHECK(std::get<plan::KubeRequest>(cleanup.steps[0].action).path == remove.path);
}
