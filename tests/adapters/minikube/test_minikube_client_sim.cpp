// MinikubeClient against the simulated minikube (tests/sim/minikube): the real process boundary
// and the shapes the simulation prints as minikube does, after the seed case's start.
#include "adapters/minikube/minikube_client.hpp"
#include "adapters/process/boost_process_runner.hpp"

#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using test::SimCluster;

namespace {

// The simulation finds its state through the environment; everything else is the real runner.
class SimRunner final : public ports::ProcessRunner {
public:
  explicit SimRunner(std::map<std::string, std::string> env) : m_env(std::move(env)) {}
  util::Result<ports::ProcessResult> run(const ports::Command& command) override
  {
    ports::Command with_env = command;
    with_env.env.insert(m_env.begin(), m_env.end());
    return m_runner.run(with_env);
  }

private:
  std::map<std::string, std::string> m_env;
  adapters::BoostProcessRunner m_runner;
};

} // namespace

TEST_CASE("MinikubeClient reads the simulated minikube", "[minikube][adapters][sim]")
{
  SimCluster sim("fresh-host", false);
  REQUIRE(sim.minikube({"start", "--extra-config=kubeadm.ignore-preflight-errors=NumCPU", "--force", "--cpus", "1",
                        "--memory=1024mb", "--image-mirror-country=cn"})
              .exit_code == 0);
  SimRunner runner({{"DEVK8S_SIM_STATE", sim.state_dir()}});
  adapters::MinikubeClientOptions options;
  options.binary = std::string(DEVK8S_SIM_BIN_DIR) + "/minikube";
  adapters::MinikubeClient client(runner, options);

  const auto version = client.version();
  REQUIRE(version);
  CHECK(version->version.str() == "v1.20.0");

  const auto profiles = client.profiles();
  REQUIRE(profiles);
  REQUIRE(profiles->valid.size() == 1);
  CHECK(profiles->valid[0].image_repository == sim.mirror());

  const auto status = client.status("minikube");
  REQUIRE(status);
  CHECK(status->exit.ok());
  CHECK(status->nodes.at(0).apiserver == "Running");

  const auto nodes = client.nodes("minikube");
  REQUIRE(nodes);
  REQUIRE(nodes->size() == 1);
  CHECK(nodes->front().machine == "minikube");
  CHECK(nodes->front().ip == "192.168.49.2");

  const auto addons = client.addons("minikube");
  REQUIRE(addons);
  CHECK(addons->at("storage-provisioner").enabled);

  const auto rows = client.addon_images("storage-provisioner");
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().key == "StorageProvisioner");

  // The start pulled the control-plane images into the node; the seed's provisioner path is
  // among the images the node was asked for, under the mirror's naive name.
  const auto listed = client.ssh("minikube", "", {"docker", "images", "--format", "{{.Repository}}:{{.Tag}}"});
  REQUIRE(listed);
  CHECK(listed->find(sim.mirror() + "/kube-apiserver:v1.20.2\n") != std::string::npos);

  const auto images = client.image_ls("minikube");
  REQUIRE(images);
  CHECK(std::find(images->begin(), images->end(), sim.mirror() + "/kube-apiserver:v1.20.2") != images->end());

  const auto pulled = client.image_pull("minikube", *core::image::ImageRef::parse("busybox"));
  REQUIRE_FALSE(pulled);
  CHECK(pulled.error().message == "minikube v1.20.0 has no `minikube image pull` (added in v1.23.0)");
}
