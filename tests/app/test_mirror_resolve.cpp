// app::resolve_images: the why of each resolution goes to the reporter, a repair always.
#include "app/mirror_resolve.hpp"
#include "support/fake_ports.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

TEST_CASE("resolve_images: a repair is reported, the rest only as detail", "[app][mirror]")
{
  test::FakePorts f;
  app::ResolveOptions options;
  options.mirror.mirror = "cn";
  auto refs = core::image::ImageRef::parse_all(
      {"registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5", "redis"});
  REQUIRE(refs);
  options.references = *refs;
  const auto result = app::resolve_images(f.ports(), options, f.reporter);
  REQUIRE(result);
  REQUIRE(result->resolutions.size() == 2);
  CHECK(result->resolutions[0].kind == core::image::ResolutionKind::repaired);
  CHECK(result->chosen(0).str() == "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5");
  CHECK(result->verified.empty());
  CHECK_FALSE(result->unverified);
  REQUIRE(f.reporter.infos.size() == 1);
  CHECK(f.reporter.infos.front().rfind("repaired a naive mirror path: ", 0) == 0);
  REQUIRE_FALSE(f.reporter.details.empty());
  CHECK(f.reporter.details.front().rfind("  fallback 1: gcr.m.daocloud.io/k8s-minikube/storage-provisioner:v5", 0) == 0);
  CHECK(f.reporter.details.back().rfind("\"docker.io/library/redis:latest\" → ", 0) == 0);
}
