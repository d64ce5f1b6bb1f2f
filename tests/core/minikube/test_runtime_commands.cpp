// Argv builders for the node's container runtime, `minikube ssh` and `minikube image`
// (../shared/reference/minikube.md §5): hostile names are refused before any argv exists.
#include "core/minikube/minikube_argv.hpp"
#include "core/minikube/runtime_commands.hpp"

#include "util/shell_quote.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using namespace devk8s::core::minikube;

namespace {

using devk8s::test::k_aliyun;

const std::string k_right = k_aliyun + "/storage-provisioner:v5";
const std::string k_broken = k_aliyun + "/k8s-minikube/storage-provisioner:v5";

image::ImageRef ref(const std::string& text)
{
  auto r = image::ImageRef::parse(text);
  REQUIRE(r);
  return *r;
}

Capabilities caps(const char* version)
{
  return capabilities_of(*Version::parse(version));
}

} // namespace

TEST_CASE("node_pull_argv / node_tag_argv / node_list_argv per runtime", "[minikube]")
{
  SECTION("docker: the seed's repair")
  {
    CHECK(*node_pull_argv(ContainerRuntime::docker, k_right) == Argv{"docker", "pull", k_right});
    CHECK(*node_tag_argv(ContainerRuntime::docker, k_right, k_broken) == Argv{"docker", "tag", k_right, k_broken});
    CHECK(node_list_argv(ContainerRuntime::docker) == Argv{"docker", "images", "--no-trunc", "--format", "{{json .}}"});
  }
  SECTION("containerd: crictl pulls, ctr tags in the k8s.io namespace")
  {
    CHECK(*node_pull_argv(ContainerRuntime::containerd, k_right) == Argv{"sudo", "crictl", "pull", k_right});
    CHECK(*node_tag_argv(ContainerRuntime::containerd, k_right, k_broken) ==
          Argv{"sudo", "ctr", "-n=k8s.io", "images", "tag", k_right, k_broken});
    CHECK(node_list_argv(ContainerRuntime::containerd) == Argv{"sudo", "crictl", "images", "--output", "json"});
  }
  SECTION("cri-o: podman")
  {
    CHECK(*node_pull_argv(ContainerRuntime::crio, k_right) == Argv{"sudo", "podman", "pull", k_right});
    CHECK(*node_tag_argv(ContainerRuntime::crio, k_right, k_broken) == Argv{"sudo", "podman", "tag", k_right, k_broken});
    CHECK(node_list_argv(ContainerRuntime::crio) == Argv{"sudo", "crictl", "images", "--output", "json"});
  }
  SECTION("names are written normalized")
  {
    CHECK(*node_pull_argv(ContainerRuntime::docker, "redis") == Argv{"docker", "pull", "docker.io/library/redis:latest"});
  }
  SECTION("a digest-pinned target cannot be made by a tag")
  {
    auto argv = node_tag_argv(ContainerRuntime::docker, k_right,
                              k_aliyun + "/dashboard@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6");
    REQUIRE_FALSE(argv);
    CHECK(argv.error().hint.find("--images/--registries") != std::string::npos);
  }
}

TEST_CASE("hostile image names are refused before an argv is built", "[minikube]")
{
  const std::string hostile[] = {"x;rm -rf /", "$(id)", "`id`", "redis\nid", "redis:v1 && id", "redis:" + std::string(300, 'a'),
                                 "-rf", ""};
  for (const auto& name : hostile) {
    CAPTURE(name);
    for (auto runtime : {ContainerRuntime::docker, ContainerRuntime::containerd, ContainerRuntime::crio}) {
      auto pull = node_pull_argv(runtime, name);
      REQUIRE_FALSE(pull);
      CHECK(pull.error().message.rfind("invalid image reference ", 0) == 0);
      CHECK_FALSE(node_tag_argv(runtime, k_right, name));
      CHECK_FALSE(node_tag_argv(runtime, name, k_right));
    }
  }
}

TEST_CASE("ssh_argv: one shell-quoted command string", "[minikube]")
{
  SECTION("default profile and node")
  {
    auto argv = ssh_argv({}, *node_tag_argv(ContainerRuntime::docker, k_right, k_broken));
    REQUIRE(argv);
    CHECK(*argv == Argv{"minikube", "ssh", "--", "docker tag " + k_right + " " + k_broken});
  }
  SECTION("profile, node, and words the node's bash must not split or expand")
  {
    MinikubeTarget target{"/usr/local/bin/minikube", "dev", "dev-m02"};
    auto argv = ssh_argv(target, node_list_argv(ContainerRuntime::docker));
    REQUIRE(argv);
    CHECK(*argv == Argv{"/usr/local/bin/minikube", "-p", "dev", "ssh", "-n", "dev-m02", "--",
                        "docker images --no-trunc --format '{{json .}}'"});
    auto quoted = ssh_argv({}, {"echo", "it's $(id)"});
    REQUIRE(quoted);
    CHECK(quoted->back() == "echo 'it'\\''s $(id)'");
    CHECK(quoted->back() == devk8s::util::shell_join({"echo", "it's $(id)"}));
  }
  SECTION("hostile profile and node names")
  {
    const std::string bad[] = {"x;rm -rf /", "$(id)", "`id`", "a\nb", "-rf", "a b", "m", std::string(300, 'a'), "a..b", "-a"};
    for (const auto& name : bad) {
      CAPTURE(name);
      CHECK_FALSE(ssh_argv({"minikube", name, ""}, {"true"}));
      if (name != "m") {
        CHECK_FALSE(ssh_argv({"minikube", "", name}, {"true"}));
      }
    }
    CHECK(ssh_argv({"minikube", "", "m"}, {"true"}));
    CHECK(ssh_argv({"minikube", "my.profile-2", ""}, {"true"}));
    CHECK_FALSE(ssh_argv({}, {}));
  }
}

TEST_CASE("minikube image verbs per release", "[minikube]")
{
  const MinikubeTarget target{"minikube", "minikube", ""};
  SECTION("v1.20.0 has no image pull or tag, and no ls --format json")
  {
    auto pull = image_pull_argv(caps("v1.20.0"), target, ref(k_right));
    REQUIRE_FALSE(pull);
    CHECK(pull.error().message == "minikube v1.20.0 has no `minikube image pull` (added in v1.23.0)");
    CHECK_FALSE(image_tag_argv(caps("v1.20.0"), target, ref(k_right), ref(k_broken)));
    CHECK(*image_ls_argv(caps("v1.20.0"), target, false) == Argv{"minikube", "-p", "minikube", "image", "ls"});
    CHECK_FALSE(image_ls_argv(caps("v1.20.0"), target, true));
  }
  SECTION("v1.23.0 pulls and tags")
  {
    CHECK(*image_pull_argv(caps("v1.23.0"), target, ref(k_right)) ==
          Argv{"minikube", "-p", "minikube", "image", "pull", k_right});
    CHECK(*image_tag_argv(caps("v1.23.0"), target, ref(k_right), ref(k_broken)) ==
          Argv{"minikube", "-p", "minikube", "image", "tag", k_right, k_broken});
    CHECK_FALSE(image_ls_argv(caps("v1.24.0"), target, true));
  }
  SECTION("v1.25.0 lists as JSON")
  {
    CHECK(*image_ls_argv(caps("v1.25.0"), {}, true) == Argv{"minikube", "image", "ls", "--format", "json"});
  }
  SECTION("v1.18.0 has no ls; a bad profile is refused")
  {
    CHECK_FALSE(image_ls_argv(caps("v1.18.0"), target, false));
    CHECK_FALSE(image_pull_argv(caps("v1.38.1"), {"minikube", "$(id)", ""}, ref(k_right)));
  }
}
