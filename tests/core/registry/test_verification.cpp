#include "core/registry/verification.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using registry::Outcome;
using registry::OutcomeKind;

namespace {

using devk8s::test::image_ref;

Outcome found(const std::string& digest)
{
  Outcome o;
  o.kind = OutcomeKind::found;
  o.digest = digest;
  return o;
}

Outcome missing()
{
  Outcome o;
  o.kind = OutcomeKind::not_found;
  o.code = "MANIFEST_UNKNOWN";
  return o;
}

const std::string k_a = "sha256:" + std::string(64, 'a');
const std::string k_b = "sha256:" + std::string(64, 'b');

} // namespace

TEST_CASE("verify picks the first candidate that exists", "[registry]")
{
  image::Resolution r;
  r.original = image_ref("gcr.io/k8s-minikube/storage-provisioner:v5");
  r.upstream = r.original;
  r.kind = image::ResolutionKind::rewritten;
  // The seed case: the naive path first, the flat one second.
  r.candidates = {{image_ref("registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5"), 0},
                  {image_ref("registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5"), 1}};

  SECTION("the flat path, because the naive one is missing")
  {
    const auto v = registry::verify(r, {missing(), found(k_a)}, std::nullopt, std::nullopt);
    REQUIRE(v.chosen);
    CHECK(v.chosen->str() == "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5");
    CHECK(v.chosen_index == 1u);
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].find("skipped") == 0);
  }
  SECTION("a digest that differs from upstream's is a warning")
  {
    const auto v = registry::verify(r, {found(k_a), found(k_a)}, std::nullopt, found(k_b));
    REQUIRE(v.chosen_index == 0u);
    REQUIRE(v.warnings.size() == 1);
    CHECK(v.warnings[0].find(k_b) != std::string::npos);
    CHECK(registry::verify(r, {found(k_a), missing()}, std::nullopt, found(k_a)).warnings.empty());
  }
  SECTION("an unreachable upstream compares nothing")
  {
    Outcome down;
    down.kind = OutcomeKind::unreachable;
    CHECK(registry::verify(r, {found(k_a), missing()}, std::nullopt, down).warnings.empty());
  }
  SECTION("nothing exists")
  {
    const auto v = registry::verify(r, {missing(), missing()}, std::nullopt, std::nullopt);
    CHECK_FALSE(v.chosen);
  }
  SECTION("no candidates: the original itself is checked")
  {
    image::Resolution u;
    u.original = image_ref("quay.io/x/y:1");
    u.upstream = u.original;
    CHECK(registry::verify(u, {}, found(k_a), std::nullopt).chosen == u.original);
    CHECK_FALSE(registry::verify(u, {}, missing(), std::nullopt).chosen);
  }
}
