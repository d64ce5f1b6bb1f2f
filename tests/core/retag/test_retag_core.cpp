// core/retag: the seed fixtures (tests/fixtures/kube/README.md) read as retag reads them, the
// source chosen from registry answers, and the plan per runtime and release.
#include "core/retag/cluster_state.hpp"
#include "core/retag/retag_plan.hpp"
#include "core/retag/sources.hpp"

#include "core/image/mirror_map.hpp"
#include "core/minikube/addon_pods.hpp"
#include "util/sha256.hpp"
#include "support/image_values.hpp"
#include "support/run_devk8s.hpp"
#include "support/shipped_maps.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace devk8s;
using core::image::ImageRef;
namespace retag = core::retag;

namespace {

using devk8s::test::image_ref;

using devk8s::test::k_aliyun;

nlohmann::json fixture(const std::string& name)
{
  std::ifstream in(test::source_path("tests/fixtures/kube/" + name));
  return nlohmann::json::parse(in);
}

core::kube::objects::Snapshot seed_snapshot()
{
  using core::kube::objects::Resource;
  core::kube::objects::Snapshot snapshot;
  snapshot.add_list(Resource::pods, fixture("seed-pods.json"));
  snapshot.add_list(Resource::persistent_volume_claims, fixture("seed-persistentvolumeclaims.json"));
  snapshot.add_list(Resource::storage_classes, fixture("seed-storageclasses.json"));
  return snapshot;
}

core::minikube::Capabilities caps(const std::string& version)
{
  return core::minikube::capabilities_of(*core::Version::parse(version));
}

core::registry::Outcome found_answer(const std::string& digest)
{
  core::registry::Outcome o;
  o.kind = core::registry::OutcomeKind::found;
  o.digest = digest;
  return o;
}

core::registry::Outcome denied_answer()
{
  core::registry::Outcome o;
  o.kind = core::registry::OutcomeKind::denied;
  return o;
}

std::vector<std::string> commands(const core::plan::Plan& plan)
{
  std::vector<std::string> out;
  for (const auto& step : plan.steps) {
    if (const auto* run = std::get_if<core::plan::RunCommand>(&step.action)) {
      std::string line;
      for (const auto& word : run->argv) {
        line += (line.empty() ? "" : " ") + word;
      }
      out.push_back(line);
    } else if (const auto* request = std::get_if<core::plan::KubeRequest>(&step.action)) {
      out.push_back("DELETE " + request->path);
    } else if (const auto* wait = std::get_if<core::plan::Wait>(&step.action)) {
      out.push_back("wait " + core::plan::describe(wait->condition));
    }
  }
  return out;
}

} // namespace

TEST_CASE("retag reads the seed: the provisioner fails on its naive image; the redis claims wait for it", "[retag]")
{
  const auto snapshot = seed_snapshot();
  const auto state = retag::addon_state(snapshot, *core::minikube::addon_pods("storage-provisioner"));
  CHECK_FALSE(state.healthy);
  REQUIRE(state.pods.size() == 1);
  CHECK(state.pods[0].name == "storage-provisioner");
  CHECK_FALSE(state.pods[0].owned);
  CHECK(state.pods[0].status == "ImagePullBackOff");
  REQUIRE(state.pods[0].failures.size() == 1);
  CHECK(state.pods[0].failures[0].image == k_aliyun + "/k8s-minikube/storage-provisioner:v5");

  const auto waiting = retag::dependents(snapshot, "k8s.io/minikube-hostpath");
  REQUIRE(waiting.size() == 4);
  CHECK(waiting[0].kind == "PersistentVolumeClaim");
  CHECK(waiting[0].state == "Pending");
  CHECK(waiting[2].kind == "Pod");
  CHECK(waiting[2].name == "redis-master-0");
  CHECK(waiting[2].state == "Pending");
  CHECK(retag::dependents(snapshot, "rancher.io/local-path").empty());

  // CoreDNS is Running and no addon's: the dashboard has no pods here.
  const auto dashboard = retag::addon_state(snapshot, *core::minikube::addon_pods("dashboard"));
  CHECK(dashboard.pods.empty());
  CHECK_FALSE(dashboard.healthy);
}

TEST_CASE("retag sources: the repair of the naive path first, pinned images by tag when the digest differs", "[retag]")
{
  const auto map = test::shipped_map("cn");
  const auto wanted = image_ref(k_aliyun + "/k8s-minikube/storage-provisioner:v5");
  const auto query = retag::source_query(wanted, &map, std::nullopt);
  REQUIRE(query.candidates.size() >= 2);
  CHECK(query.candidates.front() == image_ref(k_aliyun + "/storage-provisioner:v5"));
  CHECK(query.candidates.back() == wanted);
  REQUIRE(query.upstream);
  CHECK(query.upstream->str() == "gcr.io/k8s-minikube/storage-provisioner:v5");

  std::vector<core::registry::Outcome> answers(query.candidates.size(), denied_answer());
  CHECK_FALSE(retag::choose_source(query, answers, std::nullopt));
  answers.front() = found_answer("sha256:" + std::string(64, 'a'));
  auto choice = retag::choose_source(query, answers, found_answer("sha256:" + std::string(64, 'b')));
  REQUIRE(choice);
  CHECK(choice->source == query.candidates.front());
  CHECK_FALSE(choice->is_wanted);
  REQUIRE(choice->warnings.size() == 1);
  CHECK(choice->warnings[0].find("the mirror's copy differs from upstream's") != std::string::npos);

  const std::string pin = "sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6";
  const auto pinned = image_ref(k_aliyun + "/kubernetesui/dashboard:v2.1.0@" + pin);
  const auto q2 = retag::source_query(pinned, &map, std::nullopt);
  REQUIRE(q2.candidates.size() >= 3);
  CHECK(q2.candidates[0] == image_ref(k_aliyun + "/dashboard:v2.1.0@" + pin));
  const auto by_tag = std::find(q2.candidates.begin(), q2.candidates.end(), image_ref(k_aliyun + "/dashboard:v2.1.0"));
  REQUIRE(by_tag != q2.candidates.end());
  std::vector<core::registry::Outcome> a2(q2.candidates.size(), denied_answer());
  const std::string mirror_digest = "sha256:" + std::string(64, 'c');
  a2[static_cast<std::size_t>(by_tag - q2.candidates.begin())] = found_answer(mirror_digest);
  auto c2 = retag::choose_source(q2, a2, std::nullopt);
  REQUIRE(c2);
  CHECK(c2->source == image_ref(k_aliyun + "/dashboard:v2.1.0@" + mirror_digest));
  REQUIRE(c2->warnings.size() == 1);
  CHECK(c2->warnings[0].find("not the pinned sha256:7f80b5ba141b") != std::string::npos);

  // --from alone, and the wanted image found as it is.
  const auto q3 = retag::source_query(wanted, &map, image_ref("quay.io/x/storage-provisioner:v5"));
  CHECK(q3.candidates == std::vector<ImageRef>{image_ref("quay.io/x/storage-provisioner:v5")});
  const auto q4 = retag::source_query(image_ref("quay.io/x/y:1"), nullptr, std::nullopt);
  auto c4 = retag::choose_source(q4, {found_answer("sha256:" + std::string(64, 'd'))}, std::nullopt);
  REQUIRE(c4);
  CHECK(c4->is_wanted);
}

TEST_CASE("retag methods per release, runtime and pin", "[retag]")
{
  const auto plain = image_ref("k8s.gcr.io/pause:3.2");
  const auto pinned = image_ref("docker.io/kubernetesui/dashboard:v2.1.0@sha256:" + std::string(64, 'e'));
  CHECK(*retag::choose_method(caps("v1.20.0"), plain, "", "") == retag::Method::node_runtime);
  CHECK(*retag::choose_method(caps("v1.23.2"), plain, "", "") == retag::Method::minikube_image);
  CHECK(*retag::choose_method(caps("v1.20.0"), plain, "", "/usr/bin/skopeo") == retag::Method::host_skopeo);
  CHECK(*retag::choose_method(caps("v1.20.0"), plain, "", "/usr/bin/docker") == retag::Method::host_docker);
  CHECK(*retag::choose_method(caps("v1.20.0"), pinned, "Dashboard", "") == retag::Method::addon_images);
  const auto no_key = retag::choose_method(caps("v1.20.0"), pinned, "", "");
  REQUIRE_FALSE(no_key);
  CHECK(no_key.error().message.find("pinned by digest, a tag cannot satisfy it") != std::string::npos);
  const auto old = retag::choose_method(caps("v1.17.0"), pinned, "Dashboard", "");
  REQUIRE_FALSE(old);
  CHECK(old.error().message.find("has no addons enable --images/--registries") != std::string::npos);
}

TEST_CASE("retag plans: every node through ssh, quoted; the addon re-created; the waits", "[retag]")
{
  retag::RetagPlanInput in;
  in.target = {"minikube", "dev", ""};
  in.caps = caps("v1.20.0");
  in.runtime = core::minikube::ContainerRuntime::containerd;
  in.nodes = {"", "m02"};
  const auto wanted = image_ref(k_aliyun + "/k8s-minikube/storage-provisioner:v5");
  const auto source = image_ref(k_aliyun + "/storage-provisioner:v5");
  in.images.push_back({"storage-provisioner", "StorageProvisioner", wanted, source, retag::Method::node_runtime});
  in.addons.push_back({"storage-provisioner", "kube-system", {"storage-provisioner"},
                       {{{"integration-test", "storage-provisioner"}}}, {{"default", "data-0"}, {"other", "data-1"}}});
  const auto plan = retag::plan_retag(in);
  REQUIRE(plan);
  CHECK(commands(*plan) ==
        std::vector<std::string>{
            // One argument after --: the node's shell splits it (each word quoted when it must be).
            "minikube -p dev ssh -- sudo crictl pull " + source.str(),
            "minikube -p dev ssh -- sudo ctr -n=k8s.io images tag " + source.str() + " " + wanted.str(),
            "minikube -p dev ssh -n m02 -- sudo crictl pull " + source.str(),
            "minikube -p dev ssh -n m02 -- sudo ctr -n=k8s.io images tag " + source.str() + " " + wanted.str(),
            "DELETE /api/v1/namespaces/kube-system/pods/storage-provisioner",
            "wait pods storage-provisioner in kube-system gone",
            "minikube -p dev addons enable storage-provisioner",
            "wait pods -l integration-test=storage-provisioner in kube-system Ready",
            "wait persistentvolumeclaims data-0 in default Bound",
            "wait persistentvolumeclaims data-1 in other Bound",
        });

  SECTION("a name from the cluster that is not a Kubernetes name is refused")
  {
    for (const auto& bad : std::vector<std::string>{"x;id", "../../nodes", "A", "", std::string(254, 'a'), "a/b"}) {
      CAPTURE(bad);
      auto hostile = in;
      hostile.addons[0].delete_pods = {bad};
      CHECK_FALSE(retag::plan_retag(hostile));
    }
  }

  SECTION("skopeo on the host: a private directory, copy named as wanted, load, and both removed")
  {
    auto host = in;
    host.images[0].method = retag::Method::host_skopeo;
    host.host_tool = "/usr/bin/skopeo";
    host.insecure_registries = {"registry.cn-hangzhou.aliyuncs.com"};
    host.addons.clear();
    host.scratch_token = "0123456789abcdef";
    const auto p = retag::plan_retag(host);
    REQUIRE(p);
    const auto c = commands(*p);
    REQUIRE(c.size() == 5);
    // A fresh directory of mode 0700 (plain mkdir: one already there stops the plan), named by
    // the run's random token, never a guessable file in a shared /tmp (found by review).
    const std::string dir = "/tmp/devk8s-retag-0123456789abcdef-" + devk8s::util::sha256_digest(wanted.str()).substr(7, 8);
    CHECK(c[0] == "mkdir -m 0700 " + dir);
    CHECK(c[1] == "/usr/bin/skopeo copy --src-tls-verify=false docker://" + source.str() + " docker-archive:" + dir +
                      "/image.tar:" + wanted.str());
    CHECK(c[2] == "minikube -p dev image load " + dir + "/image.tar");
    CHECK(c[3] == "rm -f " + dir + "/image.tar");
    CHECK(c[4] == "rmdir " + dir);
    // Without a token (or with one that could reach outside the directory) there is no plan.
    for (const std::string& bad : std::vector<std::string>{"", "short", "../../etc/x", "ABCDEFGHIJ", std::string(33, 'a')}) {
      CAPTURE(bad);
      host.scratch_token = bad;
      CHECK_FALSE(retag::plan_retag(host));
    }
  }

  SECTION("a digest-pinned addon image goes into the enable's flags")
  {
    auto pinned = in;
    const auto digest = "sha256:" + std::string(64, 'f');
    pinned.images = {{"dashboard", "Dashboard", image_ref(k_aliyun + "/kubernetesui/dashboard:v2.1.0@sha256:" + std::string(64, '0')),
                      image_ref(k_aliyun + "/dashboard:v2.1.0@" + digest), retag::Method::addon_images}};
    pinned.addons = {{"dashboard", "kubernetes-dashboard", {}, {{{"k8s-app", "kubernetes-dashboard"}}}, {}}};
    const auto p = retag::plan_retag(pinned);
    REQUIRE(p);
    CHECK(commands(*p) == std::vector<std::string>{
                             "minikube -p dev addons enable dashboard --images=Dashboard=google_containers/dashboard:v2.1.0@" +
                                 digest + " --registries=Dashboard=registry.cn-hangzhou.aliyuncs.com",
                             "wait pods -l k8s-app=kubernetes-dashboard in kubernetes-dashboard Ready"});
  }
}
