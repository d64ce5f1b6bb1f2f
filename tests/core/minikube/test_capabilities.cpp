// Version boundaries of ../shared/reference/minikube.md §1 ("Fix timeline"), §3 and §5.
#include "core/minikube/capabilities.hpp"
#include "core/minikube/image_repository.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using namespace devk8s::core::minikube;

namespace {

Capabilities caps(const char* version)
{
  auto v = Version::parse(version);
  REQUIRE(v);
  return capabilities_of(*v);
}

} // namespace

TEST_CASE("capabilities_of: the Aliyun addon rule per release", "[minikube]")
{
  const std::pair<const char*, AliyunAddonRule> table[] = {
      {"v1.20.0", AliyunAddonRule::naive},
      {"v1.23.0", AliyunAddonRule::naive},
      {"v1.23.1", AliyunAddonRule::strip_namespaces},
      {"v1.23.2", AliyunAddonRule::strip_namespaces},
      {"v1.24.0", AliyunAddonRule::mapping_table},
      {"v1.26.1", AliyunAddonRule::mapping_table},
      {"v1.27.0", AliyunAddonRule::mapping_table_hub},
      {"v1.38.1", AliyunAddonRule::mapping_table_hub},
  };
  for (const auto& [version, rule] : table) {
    CAPTURE(version);
    CHECK(caps(version).aliyun_addon_rule == rule);
  }
  SECTION("images.go's Aliyun special cases arrive in v1.26.0")
  {
    CHECK_FALSE(caps("v1.25.2").aliyun_images_list_fix);
    CHECK(caps("v1.26.0").aliyun_images_list_fix);
  }
  SECTION("Docker Hub addons name docker.io from v1.27.0")
  {
    CHECK_FALSE(caps("v1.26.1").addon_hub_registry_explicit);
    CHECK(caps("v1.27.0").addon_hub_registry_explicit);
  }
}

TEST_CASE("capabilities_of: --images/--registries and their persistence", "[minikube]")
{
  SECTION("v1.17.0 has no custom addon images")
  {
    CHECK_FALSE(caps("v1.17.0").addon_custom_images);
  }
  SECTION("v1.18.0 to v1.20.x: accepted, but a later start restores the defaults")
  {
    for (const char* v : {"v1.18.0", "v1.20.0", "v1.20.9"}) {
      CAPTURE(v);
      CHECK(caps(v).addon_custom_images);
      CHECK_FALSE(caps(v).addon_custom_images_persist);
    }
  }
  SECTION("v1.21.0 saves them in the profile")
  {
    CHECK(caps("v1.21.0").addon_custom_images_persist);
    CHECK(caps("v1.21.0-beta.0").addon_custom_images_persist);
  }
}

TEST_CASE("capabilities_of: minikube image verbs", "[minikube]")
{
  SECTION("v1.17.0: none")
  {
    const auto i = caps("v1.17.0").image;
    CHECK_FALSE((i.load || i.ls || i.rm || i.pull || i.tag));
  }
  SECTION("v1.18.0: load")
  {
    const auto i = caps("v1.18.0").image;
    CHECK(i.load);
    CHECK_FALSE(i.ls);
  }
  SECTION("v1.20.0 (the seed): load, rm, ls; no pull or tag")
  {
    const auto i = caps("v1.20.0").image;
    CHECK((i.load && i.rm && i.ls));
    CHECK_FALSE((i.pull || i.tag || i.push || i.save || i.ls_json));
  }
  SECTION("v1.23.0: pull, tag, push, save")
  {
    const auto i = caps("v1.23.0").image;
    CHECK((i.pull && i.tag && i.push && i.save));
    CHECK_FALSE(i.ls_json);
  }
  SECTION("v1.25.0: ls --format json") { CHECK(caps("v1.25.0").image.ls_json); }
  SECTION("a port in --image-repository from v1.23.0")
  {
    CHECK_FALSE(caps("v1.22.0").image_repository_port);
    CHECK(caps("v1.23.0").image_repository_port);
  }
}

TEST_CASE("image_repository: the flags minikube reads", "[minikube]")
{
  const std::string G(k_aliyun_mirror);
  const std::tuple<const char*, const char*, std::string> ok[] = {
      {"", "", ""},
      {"", "global", ""},
      {"", "cn", G},
      {"", " CN ", G},
      {"https://mirror.local:5000/k8s/", "", "mirror.local:5000/k8s"},
      {"registry.aliyuncs.com/google_containers", "cn", "registry.aliyuncs.com/google_containers"},
  };
  for (const auto& [repo, country, want] : ok) {
    CAPTURE(repo, country);
    auto got = image_repository(repo, country);
    REQUIRE(got);
    CHECK(*got == want);
  }
  SECTION("an unknown country is minikube's error")
  {
    auto got = image_repository("", "de");
    REQUIRE_FALSE(got);
    CHECK(got.error().message == "invalid image mirror country code \"de\": minikube knows only \"cn\" and \"global\"");
  }
  SECTION("auto is a probe, not a value")
  {
    CHECK_FALSE(image_repository("auto", ""));
  }
  SECTION("a bare scheme")
  {
    CHECK_FALSE(image_repository("https://", ""));
  }
}

TEST_CASE("capabilities_of: start's checks that preflight's rules judge by (§4)", "[minikube]")
{
  SECTION("rootless Docker from v1.23.0")
  {
    CHECK_FALSE(caps("v1.22.0").rootless_docker);
    CHECK(caps("v1.23.0").rootless_docker);
  }
  SECTION("NumCPU ignored by minikube itself from v1.29.0")
  {
    CHECK_FALSE(caps("v1.28.0").ignores_numcpu_itself);
    CHECK(caps("v1.29.0").ignores_numcpu_itself);
  }
  SECTION("the false cgroup memory warning: v1.20.0 to v1.25.x")
  {
    CHECK_FALSE(caps("v1.19.0").false_cgroup_memory_warning);
    CHECK(caps("v1.20.0").false_cgroup_memory_warning);
    CHECK(caps("v1.25.2").false_cgroup_memory_warning);
    CHECK_FALSE(caps("v1.26.0").false_cgroup_memory_warning);
  }
}
