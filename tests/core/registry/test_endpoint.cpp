#include "core/registry/endpoint.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

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
  SECTION("--registry-endpoint serves a registry from another host; the reference keeps its name")
  {
    const std::map<std::string, std::string> served = {{"registry.cn-hangzhou.aliyuncs.com", "127.0.0.1:5000"}};
    const auto e = endpoint_for("registry.cn-hangzhou.aliyuncs.com", {"127.0.0.1:5000"}, served);
    CHECK(e.registry == "registry.cn-hangzhou.aliyuncs.com");
    CHECK(e.host == "127.0.0.1:5000");
    CHECK(e.insecure);
    CHECK(manifest_url(e, ref("registry.cn-hangzhou.aliyuncs.com/google_containers/pause:3.2")) ==
          "http://127.0.0.1:5000/v2/google_containers/pause/manifests/3.2");
    // Not named insecure: https to the mapped host; other registries are untouched.
    CHECK(endpoint_for("registry.cn-hangzhou.aliyuncs.com", {}, served).base_url == "https://127.0.0.1:5000");
    CHECK(endpoint_for("docker.io", {}, served).host == "registry-1.docker.io");
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

TEST_CASE("realm_for: credentials go only to https or to an http realm the user named", "[registry]")
{
  const std::vector<std::string> insecure = {"127.0.0.1:5001", "auth.local"};
  SECTION("https: allowed and verified")
  {
    const auto r = realm_for("https://auth.docker.io/token", insecure);
    CHECK(r.https);
    CHECK(r.host == "auth.docker.io");
    CHECK(r.credentials_allowed);
    CHECK_FALSE(r.insecure);
    CHECK(r.refusal().empty());
    CHECK(realm_for("HTTPS://Auth.Docker.IO/token", {}).credentials_allowed);
  }
  SECTION("http to a host nobody named: refused with the flag that allows it")
  {
    const auto r = realm_for("http://auth.example.com:8080/token?x=1", insecure);
    CHECK_FALSE(r.credentials_allowed);
    CHECK(r.host == "auth.example.com:8080");
    CHECK(r.refusal() == "token realm http://auth.example.com:8080/token?x=1 is not HTTPS; credentials not sent "
                         "(add --insecure-registry auth.example.com:8080 to allow)");
  }
  SECTION("http to a named host[:port]: allowed, case-insensitive")
  {
    CHECK(realm_for("http://127.0.0.1:5001/token", insecure).credentials_allowed);
    CHECK(realm_for("http://AUTH.local/token", insecure).credentials_allowed);
    CHECK(realm_for("http://auth.local#frag", insecure).credentials_allowed);
    CHECK(realm_for("https://127.0.0.1:5001/token", insecure).insecure); // named: TLS unverified, as before
  }
  SECTION("the port is part of the host")
  {
    CHECK_FALSE(realm_for("http://127.0.0.1:5002/token", insecure).credentials_allowed);
    CHECK_FALSE(realm_for("http://127.0.0.1/token", insecure).credentials_allowed);
    CHECK_FALSE(realm_for("http://auth.local:80/token", insecure).credentials_allowed);
  }
  SECTION("user info is not the host: curl would connect after the last @")
  {
    const auto r = realm_for("http://auth.local@evil.example/token", insecure);
    CHECK(r.host == "evil.example");
    CHECK_FALSE(r.credentials_allowed);
    CHECK(realm_for("http://evil.example@auth.local/token", insecure).credentials_allowed);
  }
  SECTION("no scheme, another scheme, or no host: refused")
  {
    for (const char* url : {"auth.local/token", "ftp://auth.local/token", "", "http:///token", "https:///token"}) {
      CAPTURE(url);
      const auto r = realm_for(url, insecure);
      CHECK_FALSE(r.credentials_allowed);
      CHECK(r.refusal().find("credentials not sent") != std::string::npos);
    }
    CHECK(realm_for("ftp://auth.local/token", insecure).refusal() ==
          "token realm \"ftp://auth.local/token\" is not an https:// URL; credentials not sent");
  }
}
