// `devk8s start` up to the point where minikube would run, in-process on the seed host's fixture
// (tests/fixtures/hosts/seed-host: 1 vCPU, 1833 MiB, root, Docker 20.10.6, minikube v1.20.0):
// --dry-run's report, and every reason start stops before minikube runs. The registry is the
// real local one, serving Aliyun's names through --registry-endpoint and holding what the
// fresh-host-cn scenario puts there (the v1.20.2 control plane and the flat provisioner).
#include "support/host_run.hpp"
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include "support/image_values.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace devk8s;

namespace {

using devk8s::test::has;

using devk8s::test::k_aliyun_host;
using k_flat_is = void; // (devk8s::test::k_aliyun: the shared k_aliyun_host, the flat namespace)

/// minikube answers `profile list -o json` as it does before any start (the simulation's shape,
/// tests/sim/minikube/cmd_status.cpp, from cmd/minikube/cmd/config/profile_list.go).
void no_profiles(test::FakeProcessRunner& runner)
{
  runner.script("minikube profile list -o json", ports::ProcessResult{0, "{\"invalid\":[],\"valid\":[]}\n", "", false});
}

struct SeedStart {
  SeedStart() : mirror("fresh-host-cn", false) {}

  test::HostRun run(std::vector<std::string> args, const std::string& host = "seed-host",
                    const std::string& minikube_file = "minikube-version.json", const std::string& endpoint = {}) const
  {
    const std::string registry = test::shared_registry(test::Flavour::plain).host();
    args.insert(args.begin(), "start");
    args.insert(args.end(), {"--registry-endpoint", k_aliyun_host + "=" + (endpoint.empty() ? registry : endpoint),
                             "--insecure-registry", registry});
    auto r = test::run_on_host(host, args, true, minikube_file, {}, no_profiles);
    for (auto* text : {&r.out, &r.err}) {
      for (auto pos = text->find(registry); pos != std::string::npos; pos = text->find(registry)) {
        text->replace(pos, registry.size(), "127.0.0.1:PORT");
      }
    }
    return r;
  }

  test::SimCluster mirror; ///< not served: only its registry images, pushed when the state is made
};

} // namespace

TEST_CASE("devk8s start --dry-run on the seed host: the golden report", "[cli][start]")
{
  const SeedStart s;
  const auto r = s.run({"--mirror", "cn", "--cpus", "1", "--memory", "1024mb", "--driver", "docker", "--dry-run"});
  CAPTURE(r.err);
  CHECK(r.code == 0);
  const std::string golden_path = test::source_path("tests/golden/start_dry_run_seed_host.txt");
  if (std::getenv("DEVK8S_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path) << r.out;
  }
  CHECK(r.out == test::read_file(golden_path));
}

TEST_CASE("devk8s start --dry-run -o json: the image table and the repair as data", "[cli][start]")
{
  const SeedStart s;
  const auto r = s.run({"--mirror", "cn", "--cpus", "1", "--dry-run", "-o", "json"});
  CAPTURE(r.err);
  REQUIRE(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["kind"] == "Start");
  CHECK(doc["minikube"] == "v1.20.0");
  CHECK(doc["profile"]["state"] == "absent");
  const auto command = doc["command"].get<std::vector<std::string>>();
  for (const char* flag : {"--image-mirror-country=cn", "--cpus=1", "--force",
                           "--extra-config=kubeadm.ignore-preflight-errors=NumCPU"}) {
    CAPTURE(flag);
    CHECK(std::find(command.begin(), command.end(), flag) != command.end());
  }
  CHECK(doc["stops"].empty());
  CHECK(doc["repairAddons"] == nlohmann::json::array({"storage-provisioner"}));
  const auto& rows = doc["images"]["rows"];
  REQUIRE(rows.size() == 8);
  for (const auto& row : rows) {
    CAPTURE(row.dump());
    if (row["component"] == "storage-provisioner") {
      // The seed's broken name, which the mirror does not have, and the one it does.
      CHECK(row["requested"] == devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5");
      CHECK(row["registry"]["outcome"] != "found");
      CHECK(row["candidate"]["image"] == devk8s::test::k_aliyun + "/storage-provisioner:v5");
      CHECK(row["candidate"]["registry"]["outcome"] == "found");
      CHECK(row["repair"] == "retag");
    } else {
      CHECK(row["source"] == "control-plane");
      CHECK(row["registry"]["outcome"] == "found");
      CHECK(row["repair"] == "none");
    }
  }
  CHECK(doc["plan"]["steps"][0]["action"]["argv"][0] == "minikube");
}

TEST_CASE("devk8s start stops before minikube runs, exit 5, nothing changed", "[cli][start]")
{
  const SeedStart s;
  SECTION("the mirror cannot be reached: a hint to pick another")
  {
    const auto r = s.run({"--mirror", "cn", "--cpus", "1"}, "seed-host", "minikube-version.json", "127.0.0.1:1");
    CAPTURE(r.out, r.err);
    CHECK(r.code == 5);
    CHECK(has(r.err, "devk8s: error: start stopped before minikube ran: kube-apiserver " + devk8s::test::k_aliyun +
                         "/kube-apiserver:v1.20.2: unreachable"));
    CHECK(has(r.err, "hint: the mirror cannot be reached from here: pick another (devk8s mirror list; --mirror NAME)"));
    CHECK(has(r.out, "start stops here, before minikube runs (nothing was changed):"));
  }
  SECTION("minikube is not installed, and nobody can be asked: the install command")
  {
    const auto r = s.run({"--mirror", "cn", "--cpus", "1"}, "seed-host", "no-such-file.json");
    CAPTURE(r.out, r.err);
    CHECK(r.code == 5);
    CHECK(has(r.err, "devk8s: error: start stopped before minikube ran: minikube is not installed"));
    CHECK(has(r.err, "hint: devk8s install minikube --mirror cn; or devk8s start --yes installs it"));
    CHECK(has(r.out, "images: not checked: minikube is not installed"));
  }
  SECTION("a host without Docker: preflight's failure and its own hint")
  {
    const auto r = s.run({"--mirror", "cn", "--cpus", "1"}, "no-docker");
    CAPTURE(r.out, r.err);
    CHECK(r.code == 5);
    CHECK(has(r.err, "devk8s: error: start stopped before minikube ran: docker.client"));
    CHECK(has(r.out, "start stops here, before minikube runs (nothing was changed):\n  - docker.client: "));
    CHECK(has(r.out, "  - docker.daemon: "));
    // The tools come after what no install fixes: they are not offered.
    CHECK(has(r.out, "  - minikube is not installed"));
    CHECK(has(r.out, "images: not checked: minikube is not installed"));
  }
}

TEST_CASE("devk8s start: flags refused before anything runs, exit 2", "[cli][start]")
{
  const SeedStart s;
  SECTION("a profile after -- would start a cluster start does not verify")
  {
    for (const auto& extra : {std::vector<std::string>{"-p", "other"}, {"-pother"}, {"-p=other"}, {"--profile", "other"},
                              {"--profile=other"}}) {
      std::vector<std::string> line{"--mirror", "cn", "--"};
      line.insert(line.end(), extra.begin(), extra.end());
      const auto r = s.run(line);
      CAPTURE(extra);
      CHECK(r.code == 2);
      CHECK(has(r.err, "devk8s: error: the profile after -- would start a cluster devk8s does not verify"));
    }
  }
  SECTION("--registry-endpoint naming one registry twice")
  {
    const auto r = s.run({"--registry-endpoint", k_aliyun_host + "=127.0.0.1:2"});
    CHECK(r.code == 2);
    CHECK(has(r.err, "--registry-endpoint names \"" + k_aliyun_host + "\" twice"));
  }
  SECTION("a bad --start-timeout")
  {
    const auto r = s.run({"--start-timeout", "0s"});
    CHECK(r.code == 2);
    CHECK(has(r.err, "devk8s: error: --start-timeout must be more than 0"));
    // A value past a year names the flag it came from, with a value that works.
    const auto huge = s.run({"--start-timeout", "3000000h"});
    CHECK(huge.code == 2);
    CHECK(has(huge.err, "devk8s: error: --start-timeout: invalid duration \"3000000h\": too large: at most 8760h (a "
                        "year)\nhint: for example --start-timeout 45m\n"));
  }
}
