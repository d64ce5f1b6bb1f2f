#include "core/plan/wait_condition.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::plan;
using nlohmann::json;

namespace {

json pod(const std::string& name, const std::string& phase, bool ready, json container_statuses = json::array())
{
  return {{"metadata", {{"name", name}, {"namespace", "kube-system"}}},
          {"status",
           {{"phase", phase},
            {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}},
            {"containerStatuses", container_statuses}}}};
}

json waiting(const std::string& container, const std::string& reason, const std::string& message)
{
  return json::array({{{"name", container}, {"state", {{"waiting", {{"reason", reason}, {"message", message}}}}}}});
}

} // namespace

TEST_CASE("evaluate: pods Ready", "[plan][wait]")
{
  const WaitCondition dns{WaitKind::pod, "kube-system", {}, "k8s-app=kube-dns", WaitState::ready};
  SECTION("every pod ready")
  {
    const auto status = evaluate(dns, {pod("coredns-a", "Running", true), pod("coredns-b", "Running", true)});
    CHECK(status.done);
    CHECK(status.matched == 2);
  }
  SECTION("one pod cannot pull its image: it is named with the kubelet's words")
  {
    const auto status = evaluate(dns, {pod("coredns-a", "Running", true),
                                       pod("coredns-b", "Pending", false,
                                           waiting("coredns", "ImagePullBackOff", "Back-off pulling image \"k8s.gcr.io/coredns:1.7.0\""))});
    CHECK_FALSE(status.done);
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].name == "kube-system/coredns-b");
    CHECK(status.pending[0].state == "Pending, coredns ImagePullBackOff: Back-off pulling image \"k8s.gcr.io/coredns:1.7.0\"");
    CHECK(status_line(dns, status, std::chrono::seconds(12)) ==
          "waiting for pods -l k8s-app=kube-dns in kube-system Ready: 1 of 2 pending (12 s): "
          "kube-system/coredns-b (Pending, coredns ImagePullBackOff: Back-off pulling image \"k8s.gcr.io/coredns:1.7.0\")");
  }
  SECTION("running but not ready")
  {
    const auto status = evaluate(dns, {pod("coredns-a", "Running", false)});
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].state == "Running, not Ready");
  }
  SECTION("a pod that ran to completion is not waited for; one that failed is")
  {
    const WaitCondition all{WaitKind::pod, "kube-system", {}, "", WaitState::ready};
    const auto status = evaluate(all, {pod("coredns-a", "Running", true), pod("helm-install-x", "Succeeded", false),
                                       pod("job-y", "Failed", false)});
    CHECK_FALSE(status.done);
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].name == "kube-system/job-y");
  }
  SECTION("nothing matches the selector yet: not done")
  {
    const auto status = evaluate(dns, {});
    CHECK_FALSE(status.done);
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].state == "nothing matches yet");
  }
}

TEST_CASE("evaluate: named objects", "[plan][wait]")
{
  SECTION("a named claim that is not there yet, and one still Pending for its provisioner")
  {
    const WaitCondition claims{WaitKind::persistent_volume_claim, "default", {"data-0", "data-1"}, "", WaitState::bound};
    const json pending = {{"metadata",
                           {{"name", "data-0"},
                            {"namespace", "default"},
                            {"annotations", {{"volume.beta.kubernetes.io/storage-provisioner", "k8s.io/minikube-hostpath"}}}}},
                          {"status", {{"phase", "Pending"}}}};
    const json other = {{"metadata", {{"name", "other"}, {"namespace", "default"}}}, {"status", {{"phase", "Pending"}}}};
    const auto status = evaluate(claims, {pending, other});
    CHECK(status.matched == 1);
    REQUIRE(status.pending.size() == 2);
    CHECK(status.pending[0].name == "default/data-0");
    CHECK(status.pending[0].state == "Pending, waiting for provisioner k8s.io/minikube-hostpath");
    CHECK(status.pending[1].name == "default/data-1");
    CHECK(status.pending[1].state == "not found");
  }
  SECTION("gone: done when none is left")
  {
    const WaitCondition gone{WaitKind::pod, "default", {}, "app=web", WaitState::gone};
    CHECK(evaluate(gone, {}).done);
    const auto status = evaluate(gone, {pod("web-1", "Running", true)});
    CHECK_FALSE(status.done);
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].state == "still there (Running)");
  }
  SECTION("a deployment with fewer ready replicas than wanted")
  {
    const WaitCondition web{WaitKind::deployment, "default", {"web"}, "", WaitState::ready};
    const json deployment = {{"metadata", {{"name", "web"}, {"namespace", "default"}}},
                             {"spec", {{"replicas", 3}}},
                             {"status", {{"replicas", 3}, {"readyReplicas", 2}, {"availableReplicas", 2}, {"updatedReplicas", 3}}}};
    const auto status = evaluate(web, {deployment});
    REQUIRE(status.pending.size() == 1);
    CHECK(status.pending[0].state == "2/3 ready, 3 updated");
    json ready = deployment;
    ready["status"]["readyReplicas"] = 3;
    ready["status"]["availableReplicas"] = 3;
    CHECK(evaluate(web, {ready}).done);
  }
}

TEST_CASE("validate, list_path and describe", "[plan][wait]")
{
  CHECK_FALSE(validate(WaitCondition{WaitKind::pod, "ns", {}, "", WaitState::ready}));
  CHECK(validate(WaitCondition{WaitKind::persistent_volume_claim, "ns", {}, "", WaitState::ready}) ==
        std::string("persistentvolumeclaims never become Ready"));
  CHECK(validate(WaitCondition{WaitKind::pod, "ns", {""}, "", WaitState::gone}) == std::string("an empty object name"));
  CHECK(list_path(WaitCondition{WaitKind::pod, "kube-system", {}, "", WaitState::ready}) == "/api/v1/namespaces/kube-system/pods");
  CHECK(list_path(WaitCondition{WaitKind::daemon_set, "", {}, "", WaitState::ready}) == "/apis/apps/v1/daemonsets");
  CHECK(list_path(WaitCondition{WaitKind::job, "x", {}, "", WaitState::complete}) == "/apis/batch/v1/namespaces/x/jobs");
  CHECK(describe(WaitCondition{WaitKind::persistent_volume_claim, "default", {"data-0"}, "", WaitState::bound}) ==
        "persistentvolumeclaims data-0 in default Bound");
}

TEST_CASE("evaluate: a Service's Endpoints are ready with a ready address", "[plan][wait]")
{
  const WaitCondition c{WaitKind::endpoints, "sm", {"web"}, "", WaitState::ready};
  CHECK_FALSE(validate(c).has_value());
  CHECK(list_path(c) == "/api/v1/namespaces/sm/endpoints");
  CHECK(describe(c) == "endpoints web in sm Ready");
  // No pod selected yet: v1.20's endpoints controller writes no subsets at all.
  auto none = evaluate(c, {json{{"metadata", {{"name", "web"}, {"namespace", "sm"}}}}});
  CHECK_FALSE(none.done);
  REQUIRE(none.pending.size() == 1);
  CHECK(none.pending[0].state == "0 ready addresses");
  auto not_ready = evaluate(
      c, {json{{"metadata", {{"name", "web"}, {"namespace", "sm"}}},
               {"subsets", json::array({{{"notReadyAddresses", json::array({{{"ip", "172.17.0.4"}}})}}})}}});
  CHECK_FALSE(not_ready.done);
  CHECK(not_ready.pending.at(0).state == "0 ready addresses, 1 not ready");
  auto ready = evaluate(
      c, {json{{"metadata", {{"name", "web"}, {"namespace", "sm"}}},
               {"subsets", json::array({{{"addresses", json::array({{{"ip", "172.17.0.4"}}})}}})}}});
  CHECK(ready.done);
}

TEST_CASE("evaluate: a namespace can only be waited gone, and Terminating is still there", "[plan][wait]")
{
  const WaitCondition gone{WaitKind::namespace_, "", {"sm"}, "", WaitState::gone};
  CHECK_FALSE(validate(gone).has_value());
  CHECK(validate(WaitCondition{WaitKind::namespace_, "", {"sm"}, "", WaitState::ready}) ==
        std::optional<std::string>("namespaces never become Ready"));
  CHECK(list_path(gone) == "/api/v1/namespaces"); // cluster-scoped
  CHECK(describe(gone) == "namespaces sm gone");
  auto terminating = evaluate(gone, {json{{"metadata", {{"name", "sm"}}}, {"status", {{"phase", "Terminating"}}}},
                                     json{{"metadata", {{"name", "default"}}}, {"status", {{"phase", 5}}}}});
  CHECK_FALSE(terminating.done);
  REQUIRE(terminating.pending.size() == 1);
  CHECK(terminating.pending[0].state == "still there (Terminating)");
  CHECK(evaluate(gone, {json{{"metadata", {{"name", "default"}}}}}).done);
}
