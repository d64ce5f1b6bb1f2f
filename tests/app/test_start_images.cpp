// check_start_images: the seed case's plan (minikube v1.20.0, the cn map's repository) against a
// registry that answers like Aliyun (seed-case.md): one batch, each reference asked once, the
// naive provisioner path denied and its flat name found.
#include "app/start_images.hpp"
#include "core/minikube/image_repository.hpp"
#include "support/image_values.hpp"
#include "support/recording_reporter.hpp"
#include "support/shipped_maps.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace devk8s;
using core::registry::Outcome;
using core::registry::OutcomeKind;

namespace {

using devk8s::test::k_aliyun;

class AliyunLike final : public ports::RegistryClient {
public:
  std::vector<std::vector<std::string>> batches;
  std::vector<Outcome> check_manifests(const std::vector<core::image::ImageRef>& refs,
                                       const ports::RegistryCheckOptions&) override
  {
    std::vector<Outcome> out;
    batches.emplace_back();
    for (const auto& ref : refs) {
      batches.back().push_back(ref.str());
      Outcome o;
      if (ref.str().find("/k8s-minikube/") != std::string::npos) {
        o.kind = OutcomeKind::denied;
        o.code = "DENIED";
        o.message = "requested access to the resource is denied";
      } else {
        o.kind = OutcomeKind::found;
        o.digest = "sha256:" + std::string(64, '1');
      }
      out.push_back(o);
    }
    return out;
  }
};

} // namespace

TEST_CASE("check_start_images: the seed case in one batch, the provisioner repaired by retag", "[start]")
{
  const auto map = test::shipped_map("cn");
  auto repository = core::minikube::image_repository("", "cn");
  REQUIRE(repository);
  app::StartImagesRequest request;
  request.plan = {*core::Version::parse("v1.20.0"), *core::Version::parse("v1.20.2"),
                  core::minikube::ContainerRuntime::docker, *repository, core::minikube::default_addons(), 1};
  request.map = &map;
  AliyunLike registry;
  test::RecordingReporter reporter;

  const auto result = app::check_start_images(registry, request, reporter);
  REQUIRE(result);
  REQUIRE(registry.batches.size() == 1);
  const auto& batch = registry.batches.front();
  CHECK(result->asked == batch.size());
  CHECK(std::set<std::string>(batch.begin(), batch.end()).size() == batch.size()); // each once
  CHECK(std::count(batch.begin(), batch.end(), k_aliyun + "/storage-provisioner:v5") == 1);
  CHECK(std::count(batch.begin(), batch.end(), k_aliyun + "/k8s-minikube/storage-provisioner:v5") == 1);
  CHECK(result->verdict.rows.size() == result->plan.images.size());
  CHECK(result->verdict.needs_retag());
  CHECK(result->verdict.blockers.empty());
}

TEST_CASE("check_start_images: a plan the release cannot make is an error, nothing asked", "[start]")
{
  app::StartImagesRequest request;
  request.plan = {*core::Version::parse("v1.20.0"), *core::Version::parse("v1.30.0"),
                  core::minikube::ContainerRuntime::docker, "", core::minikube::default_addons(), 1};
  AliyunLike registry;
  test::RecordingReporter reporter;
  const auto result = app::check_start_images(registry, request, reporter);
  REQUIRE_FALSE(result);
  CHECK(registry.batches.empty());
}
