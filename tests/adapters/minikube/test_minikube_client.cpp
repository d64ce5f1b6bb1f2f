// MinikubeClient over a scripted process runner: the argv of each verb, minikube's outputs read
// by core/minikube's parsers, and one clear Error for each way a run can fail.
#include "adapters/minikube/minikube_client.hpp"

#include "support/fake_process_runner.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using test::FakeProcessRunner;

namespace {

ports::ProcessResult exited(int code, std::string out, std::string err = {})
{
  return {code, std::move(out), std::move(err), false};
}

std::string fixture(const std::string& name)
{
  return test::read_file(test::source_path("tests/fixtures/minikube/" + name));
}

const char* k_v120 = R"({"commit":"c61663e942ec43b20e8e70839dcca52e44cd85ae","minikubeVersion":"v1.20.0"})";
const char* k_v126 = R"({"commit":"f4b412861bb746be73053c9f6d2895f12cf78565","minikubeVersion":"v1.26.0"})";

core::image::ImageRef ref(const char* text)
{
  auto parsed = core::image::ImageRef::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

} // namespace

TEST_CASE("MinikubeClient reads minikube's outputs", "[minikube][adapters]")
{
  FakeProcessRunner runner;
  adapters::MinikubeClient client(runner);

  SECTION("version, asked once")
  {
    runner.script("minikube version -o json", exited(0, k_v120));
    REQUIRE(client.version());
    const auto caps = client.capabilities();
    REQUIRE(caps);
    CHECK(caps->version.str() == "v1.20.0");
    CHECK_FALSE(caps->image.pull);
    CHECK(runner.ran().size() == 1);
    CHECK(runner.timeouts().front() == std::chrono::milliseconds(60000));
  }
  SECTION("profiles")
  {
    runner.script("minikube profile list -o json", exited(0, fixture("profile-list-v1.20.0-seed.json")));
    const auto list = client.profiles();
    REQUIRE(list);
    REQUIRE(list->valid.size() == 1);
    CHECK(list->valid[0].name == "minikube");
  }
  SECTION("status: a stopped cluster is a status, not an error")
  {
    runner.script("minikube -p seed status -o json",
                  exited(7, R"({"Name":"seed","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false})"));
    const auto status = client.status("seed");
    REQUIRE(status);
    CHECK(status->nodes.at(0).host == "Stopped");
    CHECK(status->exit.host_not_running);
    CHECK(status->exit.kubeconfig_not_configured);
  }
  SECTION("status of two running nodes")
  {
    runner.script("minikube status -o json", exited(0, fixture("status-two-nodes.json")));
    const auto status = client.status("");
    REQUIRE(status);
    CHECK(status->nodes.size() == 2);
    CHECK(status->exit.ok());
  }
  SECTION("nodes")
  {
    runner.script("minikube -p minikube node list", exited(0, fixture("node-list-two-nodes.txt")));
    const auto nodes = client.nodes("minikube");
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    CHECK(nodes->back().machine == "minikube-m02");
  }
  SECTION("addons and an addon's images")
  {
    runner.script("minikube -p minikube addons list -o json", exited(0, fixture("addons-list-v1.20.0-seed.json")));
    runner.script("minikube addons images storage-provisioner",
                  exited(0, fixture("addons-images-storage-provisioner-v1.20.0.txt")));
    const auto addons = client.addons("minikube");
    REQUIRE(addons);
    CHECK(addons->at("storage-provisioner").enabled);
    const auto rows = client.addon_images("storage-provisioner");
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().key == "StorageProvisioner");
  }
}

TEST_CASE("MinikubeClient runs node commands and image verbs", "[minikube][adapters]")
{
  FakeProcessRunner runner;
  adapters::MinikubeClient client(runner);

  SECTION("ssh: one quoted string for the node's shell, lines without the PTY's carriage returns")
  {
    runner.script("minikube -p seed ssh -n seed-m02 -- docker images --format '{{.Repository}}:{{.Tag}}'",
                  exited(0, "nginx:latest\r\nbusybox:1.36\r\n"));
    const auto out = client.ssh("seed", "seed-m02", {"docker", "images", "--format", "{{.Repository}}:{{.Tag}}"});
    REQUIRE(out);
    CHECK(*out == "nginx:latest\nbusybox:1.36\n");
    CHECK(runner.ran().back().back() == "docker images --format '{{.Repository}}:{{.Tag}}'");
    CHECK(runner.timeouts().back() == std::chrono::milliseconds(600000));
  }
  SECTION("ssh: the node's failure is an Error with minikube's words")
  {
    runner.script("minikube ssh -- sudo crictl pull registry.local/pause:3.2",
                  exited(1, "", "FATA[0000] pulling image: rpc error: not found\nssh: Process exited with status 1\n"));
    const auto out = client.ssh("", "", {"sudo", "crictl", "pull", "registry.local/pause:3.2"});
    REQUIRE_FALSE(out);
    CHECK(out.error().message ==
          "`minikube ssh -- 'sudo crictl pull registry.local/pause:3.2'` exited with status 1: ssh: Process exited with status 1");
    CHECK(out.error().output.find("rpc error: not found") != std::string::npos);
  }
  SECTION("image verbs on a release that has them")
  {
    runner.script("minikube version -o json", exited(0, k_v126));
    runner.script("minikube -p seed image pull registry.local/library/nginx:1.25", exited(0, ""));
    runner.script("minikube -p seed image tag registry.local/library/nginx:1.25 docker.io/library/nginx:1.25", exited(0, ""));
    runner.script("minikube -p seed image ls", exited(0, "docker.io/library/nginx:1.25\n\nregistry.k8s.io/pause:3.7\n"));
    CHECK(client.image_pull("seed", ref("registry.local/library/nginx:1.25")));
    CHECK(client.image_tag("seed", ref("registry.local/library/nginx:1.25"), ref("nginx:1.25")));
    const auto images = client.image_ls("seed");
    REQUIRE(images);
    CHECK(*images == std::vector<std::string>{"docker.io/library/nginx:1.25", "registry.k8s.io/pause:3.7"});
    CHECK(runner.ran().size() == 4); // the version once, then the three verbs
  }
  SECTION("image verbs a release lacks: refused before running anything but version")
  {
    runner.script("minikube version -o json", exited(0, k_v120));
    const auto pulled = client.image_pull("seed", ref("nginx"));
    REQUIRE_FALSE(pulled);
    CHECK(pulled.error().message == "minikube v1.20.0 has no `minikube image pull` (added in v1.23.0)");
    CHECK(runner.ran().size() == 1);
  }
  SECTION("a profile name minikube would refuse never reaches it")
  {
    const auto status = client.status("a;rm -rf");
    REQUIRE_FALSE(status);
    CHECK(runner.ran().empty());
  }
}

TEST_CASE("MinikubeClient: each failure is one Error naming the command", "[minikube][adapters]")
{
  FakeProcessRunner runner;
  adapters::MinikubeClient client(runner);

  SECTION("minikube is not on PATH")
  {
    runner.missing("minikube");
    const auto version = client.version();
    REQUIRE_FALSE(version);
    CHECK(version.error().message == "cannot run minikube: executable file not found in $PATH");
    CHECK(version.error().hint == "devk8s install minikube, or put minikube on PATH");
  }
  SECTION("a profile that does not exist: the exit status and minikube's last words")
  {
    runner.script("minikube -p ghost status -o json",
                  exited(85, "* Profile \"ghost\" not found. Run \"minikube profile list\" to view all profiles.\n"
                             "* To start a cluster, run: \"minikube start -p ghost\"\n"));
    const auto status = client.status("ghost");
    REQUIRE_FALSE(status);
    CHECK(status.error().message ==
          "`minikube -p ghost status -o json` exited with status 85: * To start a cluster, run: \"minikube start -p ghost\"");
    CHECK(status.error().output.find("Profile \"ghost\" not found") != std::string::npos);
  }
  SECTION("output the parser refuses names the command")
  {
    runner.script("minikube -p minikube addons list -o json", exited(0, "* Enabled addons: storage-provisioner\n"));
    const auto addons = client.addons("minikube");
    REQUIRE_FALSE(addons);
    CHECK(addons.error().message.rfind("reading the output of `minikube -p minikube addons list -o json`: ", 0) == 0);
  }
  SECTION("a run that timed out")
  {
    runner.script("minikube profile list -o json", {-1, "", "", true});
    adapters::MinikubeClient quick(runner, {"minikube", std::chrono::milliseconds(2000), std::chrono::milliseconds(2000)});
    const auto list = quick.profiles();
    REQUIRE_FALSE(list);
    CHECK(list.error().message == "`minikube profile list -o json` did not finish within 2 s and was stopped");
  }
  SECTION("Ctrl-C stopped it: interrupted, not an exit status, even one the caller accepts")
  {
    ports::ProcessResult stopped{130, "", "", false};
    stopped.cancelled = true;
    runner.script("minikube -p minikube status -o json", stopped);
    const auto status = client.status("minikube");
    REQUIRE_FALSE(status);
    CHECK(status.error().code == util::ExitCode::interrupted);
    CHECK(status.error().message == "interrupted: `minikube -p minikube status -o json` was stopped by Ctrl-C");
  }
}
