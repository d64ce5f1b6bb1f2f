// smoke's suite from its manifests (core/smoke/suite): the built-in manifests' checks and waits,
// what a manifest must say, and the plans.
#include "core/plan/plan.hpp"
#include "core/smoke/manifests.hpp"
#include "core/smoke/suite.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace devk8s::core;

namespace {

std::vector<smoke::ManifestText> builtin_smoke_manifests()
{
  std::vector<smoke::ManifestText> out;
  for (const auto& file : smoke::smoke_manifest_files()) {
    out.push_back({std::string(file.origin), std::string(file.text)});
  }
  return out;
}

const smoke::Check& check_named(const smoke::Suite& suite, const std::string& name)
{
  for (const auto& check : suite.checks) {
    if (check.name == name) {
      return check;
    }
  }
  FAIL("no check " << name);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("smoke suite: the built-in manifests make the storage, service and job checks", "[smoke]")
{
  auto suite = smoke::build_suite(builtin_smoke_manifests(), "devk8s-smoke");
  REQUIRE(suite);
  std::vector<std::string> names;
  for (const auto& check : suite->checks) {
    names.push_back(check.name);
  }
  // Files embed in name order, which is the checks' order: 1-storage, 2-service, 3-job.
  CHECK(names == std::vector<std::string>{"storage", "service", "job"});

  const auto& storage = check_named(*suite, "storage");
  CHECK(storage.objects == std::vector<std::string>{"PersistentVolumeClaim/smoke-data", "Pod/smoke-storage"});
  REQUIRE(storage.waits.size() == 2);
  CHECK(plan::describe(storage.waits[0]) == "persistentvolumeclaims smoke-data in devk8s-smoke Bound");
  CHECK(plan::describe(storage.waits[1]) == "pods smoke-storage in devk8s-smoke Complete"); // restartPolicy Never
  REQUIRE(storage.logs.size() == 1);
  CHECK(storage.logs[0].expect == "devk8s-smoke: storage ok");

  const auto& service = check_named(*suite, "service");
  REQUIRE(service.waits.size() == 3);
  CHECK(plan::describe(service.waits[0]) == "deployments smoke-web in devk8s-smoke Ready");
  CHECK(plan::describe(service.waits[1]) == "endpoints smoke-web in devk8s-smoke Ready"); // the Service, by its Endpoints
  CHECK(plan::describe(service.waits[2]) == "jobs smoke-dns in devk8s-smoke Complete");
  REQUIRE(service.logs.size() == 1);
  CHECK(service.logs[0].kind == "Job");

  for (const auto& object : suite->objects) {
    CAPTURE(object.kind, object.name);
    CHECK(object.body["metadata"]["namespace"] == "devk8s-smoke");
    CHECK(object.collection.find("/namespaces/devk8s-smoke/") != std::string::npos);
  }
}

TEST_CASE("smoke suite: what a manifest must say", "[smoke]")
{
  const auto error_of = [](const std::string& text) {
    auto suite = smoke::build_suite({{"x.yaml", text}}, "ns");
    REQUIRE_FALSE(suite);
    return suite.error().message;
  };
  CHECK(error_of("kind: Pod\napiVersion: v1\nmetadata: {name: a}\n") ==
        "x.yaml: Pod \"a\" names no check (annotation devk8s.io/smoke-check)");
  CHECK(error_of("kind: ConfigMap\napiVersion: v1\nmetadata: {name: c, annotations: {devk8s.io/smoke-check: x}}\n") ==
        "x.yaml: ConfigMap \"c\": smoke cannot tell when a ConfigMap is ready");
  CHECK(error_of("kind: Job\napiVersion: batch/v1beta1\nmetadata: {name: j, annotations: {devk8s.io/smoke-check: x}}\n") ==
        "x.yaml: Job \"j\": apiVersion must be batch/v1");
  CHECK(error_of("kind: PersistentVolumeClaim\napiVersion: v1\nmetadata: {name: c, annotations: "
                 "{devk8s.io/smoke-check: x, devk8s.io/smoke-log: hi}}\n") ==
        "x.yaml: PersistentVolumeClaim \"c\": only a Pod's or a Job's log can be checked");
  CHECK(error_of("a: [1,\n") .rfind("x.yaml:", 0) == 0);
  CHECK(error_of("") == "smoke's manifests hold no object");
  // (Not `y`: YAML 1.1 reads it as a boolean, as kubectl's sigs.k8s.io/yaml does, and a check is a string.)
  CHECK(error_of("kind: Job\napiVersion: batch/v1\nmetadata: {name: j, annotations: {devk8s.io/smoke-check: a}}\n---\n"
                 "kind: Job\napiVersion: batch/v1\nmetadata: {name: j, annotations: {devk8s.io/smoke-check: b}}\n") ==
        "x.yaml: Job \"j\" is there twice");
}

TEST_CASE("smoke suite: a pod that keeps running is waited Ready, not Complete", "[smoke]")
{
  auto suite = smoke::build_suite(
      {{"x.yaml", "kind: Pod\napiVersion: v1\nmetadata: {name: web, annotations: {devk8s.io/smoke-check: web}}\n"
                  "spec: {containers: [{name: c, image: busybox}]}\n"}},
      "ns");
  REQUIRE(suite);
  CHECK(plan::describe(suite->checks.at(0).waits.at(0)) == "pods web in ns Ready");
}

TEST_CASE("smoke suite: setup creates the namespace first, cleanup deletes it and waits it gone", "[smoke]")
{
  auto suite = smoke::build_suite(builtin_smoke_manifests(), "devk8s-smoke");
  REQUIRE(suite);
  const auto setup = smoke::setup_plan(*suite);
  REQUIRE(setup.steps.size() == suite->objects.size() + 1);
  const auto& first = std::get<plan::KubeRequest>(setup.steps[0].action);
  CHECK(first.path == "/api/v1/namespaces");
  const auto ns = nlohmann::json::parse(first.body);
  CHECK(ns["metadata"]["name"] == "devk8s-smoke");
  CHECK(ns["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "devk8s");
  // Created, never patched: an object left from another run must not pass for this one's.
  for (const auto& step : setup.steps) {
    const auto& request = std::get<plan::KubeRequest>(step.action);
    CHECK(request.verb == plan::KubeRequest::Verb::create);
    CHECK_FALSE(request.exists_ok);
  }
  const auto cleanup = smoke::cleanup_plan(*suite, std::chrono::seconds(60));
  REQUIRE(cleanup.steps.size() == 2);
  CHECK(std::get<plan::KubeRequest>(cleanup.steps[0].action).path == "/api/v1/namespaces/devk8s-smoke");
  const auto& wait = std::get<plan::Wait>(cleanup.steps[1].action);
  CHECK(plan::describe(wait.condition) == "namespaces devk8s-smoke gone");
  CHECK(plan::list_path(wait.condition) == "/api/v1/namespaces");
  const auto paths = smoke::list_paths(*suite);
  CHECK(std::count(paths.begin(), paths.end(), "/api/v1/namespaces/devk8s-smoke/pods") == 1); // once, though two need it
  CHECK(paths.size() == 5); // claims, pods, deployments, endpoints, jobs

}
