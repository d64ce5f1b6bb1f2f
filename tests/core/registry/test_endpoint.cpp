#include "core/registry/endpoint.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;
using devk8s::core::image::ImageRef;

namespace {
ImageRef ref(const char* text)
{
  auto r = ImageRef::parse(text);
  REQUIRE(r);
  return *r;
}
} // namespace

TEST_CASE("endpoint_for and manifest_url", "[registry]")
{
  SECTION("Docker Hub is served by registry-1.docker.io, official images under library/")
  {
    const auto e = endpoint_for("docker.io", {});
    CHECK(e.host == "registry-1.docker.io");
    CHECK(e.base_url == "https://registry-1.docker.io");
    CHECK(manifest_url(e, ref("redis")) == "https://registry-1.docker.io/v2/library/redis/manifests/latest");
    CHECK(pull_scope(ref("redis")) == "repository:library/redis:pull");
  }
  SECTION("a mirror, by tag and by digest")
  {
    const auto e = endpoint_for("registry.cn-hangzhou.aliyuncs.com", {});
    CHECK(manifest_url(e, ref("registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5")) ==
          "https://registry.cn-hangzhou.aliyuncs.com/v2/google_containers/storage-provisioner/manifests/v5");
    const std::string d = "sha256:18eb69d1418e854ad5a19e399310e52808a8321e4c441c1dddad8977a0d7a944";
    CHECK(manifest_url(e, ref(("registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5@" + d).c_str())) ==
          "https://registry.cn-hangzhou.aliyuncs.com/v2/google_containers/storage-provisioner/manifests/" + d);
  }
  SECTION("--insecure-registry means plain http for exactly that host:port")
  {
    const auto e = endpoint_for("127.0.0.1:5000", {"127.0.0.1:5000"});
    CHECK(e.insecure);
    CHECK(ping_url(e) == "http://127.0.0.1:5000/v2/");
    CHECK_FALSE(endpoint_for("127.0.0.1:5001", {"127.0.0.1:5000"}).insecure);
  }
  SECTION("the Accept header names all four manifest types")
  {
    for (const char* type : {"application/vnd.docker.distribution.manifest.v2+json",
                             "application/vnd.docker.distribution.manifest.list.v2+json",
                             "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"}) {
      CAPTURE(type);
      CHECK(manifest_accept().find(type) != std::string::npos);
    }
  }
}
