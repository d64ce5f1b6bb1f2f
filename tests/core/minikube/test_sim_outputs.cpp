// The simulated minikube (tests/sim/minikube) prints what the parsers here read: each of its
// outputs after the seed's `minikube start` goes through the same parser as the fixtures in
// tests/fixtures/minikube/, and its storage-provisioner image is the plan's.
#include "core/minikube/addon_images_table.hpp"
#include "core/minikube/addons_list.hpp"
#include "core/minikube/image_plan.hpp"
#include "core/minikube/profile_list.hpp"
#include "core/minikube/status.hpp"
#include "core/minikube/version_json.hpp"

#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using namespace devk8s::core::minikube;
using devk8s::test::SimCluster;

TEST_CASE("the simulated minikube's outputs parse like the real tool's", "[minikube][sim]")
{
  SimCluster sim("fresh-host", false);
  auto start = sim.minikube({"start", "--extra-config=kubeadm.ignore-preflight-errors=NumCPU", "--force", "--cpus", "1",
                             "--memory=1024mb", "--image-mirror-country=cn"});
  REQUIRE(start.exit_code == 0);

  auto version = parse_version_json(sim.minikube({"version", "-o", "json"}).out);
  REQUIRE(version);
  CHECK(version->version.str() == "v1.20.0");

  auto profiles = parse_profile_list_json(sim.minikube({"profile", "list", "-o", "json"}).out);
  REQUIRE(profiles);
  REQUIRE(profiles->valid.size() == 1);
  const Profile& profile = profiles->valid[0];
  CHECK(profile.kubernetes_version.str() == "v1.20.2");
  CHECK(profile.container_runtime == ContainerRuntime::docker);
  CHECK(profile.image_repository == sim.mirror());
  CHECK(profile.addons.at("storage-provisioner"));

  auto status = sim.minikube({"status", "-o", "json"});
  auto nodes = parse_status_json(status.out);
  REQUIRE(nodes);
  CHECK((*nodes)[0].apiserver == "Running");
  CHECK(decode_status_exit(status.exit_code)->ok());

  auto addons = parse_addons_list_json(sim.minikube({"addons", "list", "-o", "json"}).out);
  REQUIRE(addons);
  CHECK(addons->at("storage-provisioner").enabled);

  auto rows = parse_addon_images_table(sim.minikube({"addons", "images", "storage-provisioner"}).out);
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].key == "StorageProvisioner");

  // The simulation's mirror stands for the repository; v1.20.0 prefixes naively either way.
  PlanRequest request{version->version, profile.kubernetes_version, profile.container_runtime, profile.image_repository,
                      default_addons(), 1};
  auto plan = plan_images(request);
  REQUIRE(plan);
  const std::string provisioner = plan->images.back().requested.str();
  CHECK(provisioner == sim.mirror() + "/k8s-minikube/storage-provisioner:v5");
  CHECK(start.out.find("Using image " + provisioner + " (global image repository)") != std::string::npos);
}
