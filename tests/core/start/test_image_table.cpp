// start's image table on the seed case (../shared/reference/seed-case.md: minikube v1.20.0,
// --image-mirror-country=cn, Kubernetes v1.20.2): the registry's answers are Aliyun's as the seed
// case shows them (the naive provisioner path denied, the flat one found).
#include "core/minikube/image_plan.hpp"
#include "core/minikube/image_repository.hpp"
#include "core/start/image_table.hpp"
#include "support/image_values.hpp"
#include "support/shipped_maps.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using namespace devk8s::core;
using core::registry::Outcome;
using core::registry::OutcomeKind;

namespace {

using devk8s::test::k_aliyun;

minikube::ImagePlan seed_plan(const char* release)
{
  auto repository = minikube::image_repository("", "cn");
  REQUIRE(repository);
  auto plan = minikube::plan_images({*Version::parse(release), *Version::parse("v1.20.2"),
                                     minikube::ContainerRuntime::docker, *repository, minikube::default_addons(), 1});
  REQUIRE(plan);
  return *plan;
}

Outcome outcome(OutcomeKind kind, std::string message = {})
{
  Outcome o;
  o.kind = kind;
  o.message = std::move(message);
  if (kind == OutcomeKind::found) {
    o.digest = "sha256:" + std::string(64, 'a');
  }
  return o;
}

// Every name found but those in `missing` (denied, as Aliyun answers for a repository it lacks).
struct Answers {
  std::vector<Outcome> requested;
  std::vector<std::optional<start::Candidate>> candidates;
  std::vector<std::optional<Outcome>> candidate_outcomes;
};

Answers ask(const minikube::ImagePlan& plan, const image::MirrorMap& map, const std::vector<std::string>& missing,
            OutcomeKind absent = OutcomeKind::denied)
{
  const auto answer = [&](const image::ImageRef& ref) {
    const bool gone = std::find(missing.begin(), missing.end(), ref.str()) != missing.end();
    return gone ? outcome(absent, "requested access to the resource is denied") : outcome(OutcomeKind::found);
  };
  Answers a;
  for (const auto& image : plan.images) {
    a.requested.push_back(answer(image.requested));
    a.candidates.push_back(start::repair_candidate(image, &map));
    a.candidate_outcomes.push_back(a.candidates.back() ? std::optional<Outcome>(answer(a.candidates.back()->ref)) : std::nullopt);
  }
  return a;
}

const start::ImageRow& row_of(const start::ImageVerdict& verdict, const std::string& component)
{
  const auto it = std::find_if(verdict.rows.begin(), verdict.rows.end(),
                               [&](const start::ImageRow& row) { return row.image.component == component; });
  REQUIRE(it != verdict.rows.end());
  return *it;
}

} // namespace

TEST_CASE("start's image table: the seed case's provisioner is found under its flat name and retagged", "[start]")
{
  const auto map = test::shipped_map("cn");
  const auto plan = seed_plan("v1.20.0");
  const std::string naive = k_aliyun + "/k8s-minikube/storage-provisioner:v5";
  const auto answers = ask(plan, map, {naive});
  const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes,
                                            minikube::capabilities_of(*Version::parse("v1.20.0")));

  const auto& provisioner = row_of(verdict, "storage-provisioner");
  CHECK(provisioner.image.requested.str() == naive);
  REQUIRE(provisioner.candidate);
  CHECK(provisioner.candidate->ref.str() == k_aliyun + "/storage-provisioner:v5");
  // v1.20.0 forgets custom addon images on the next start (#11432): tag them on the nodes instead.
  CHECK(provisioner.repair == start::Repair::retag);
  CHECK_THAT(provisioner.why, Catch::StartsWith("the mirror has it as " + k_aliyun + "/storage-provisioner:v5 ("));
  CHECK(verdict.needs_retag());
  CHECK(verdict.blockers.empty());
  CHECK(verdict.warnings.empty());
  for (const auto& row : verdict.rows) {
    if (row.image.component != "storage-provisioner") {
      CAPTURE(row.image.requested.str());
      CHECK(row.repair == start::Repair::none);
      CHECK_THAT(row.why, Catch::StartsWith("found sha256:"));
    }
  }
}

TEST_CASE("start's image table: a release that keeps custom addon images gets them at enable time", "[start]")
{
  const auto map = test::shipped_map("cn");
  // v1.21.0 still asks for the naive path (fixed in v1.23.1) but saves --images in the profile (#11432).
  const auto plan = seed_plan("v1.21.0");
  const std::string naive = k_aliyun + "/k8s-minikube/storage-provisioner:v5";
  const auto answers = ask(plan, map, {naive});
  const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes,
                                            minikube::capabilities_of(*Version::parse("v1.21.0")));
  const auto& provisioner = row_of(verdict, "storage-provisioner");
  CHECK(provisioner.image.requested.str() == naive);
  CHECK(provisioner.image.key == "StorageProvisioner");
  CHECK(provisioner.repair == start::Repair::enable_images);
  CHECK_FALSE(verdict.needs_retag());
}

TEST_CASE("start's image table: what stops start before minikube runs, and what only warns", "[start]")
{
  const auto map = test::shipped_map("cn");
  const auto plan = seed_plan("v1.20.0");
  const auto caps = minikube::capabilities_of(*Version::parse("v1.20.0"));

  SECTION("a control-plane image the mirror lacks: kubeadm would stall on it")
  {
    const auto answers = ask(plan, map, {k_aliyun + "/kube-apiserver:v1.20.2"}, OutcomeKind::not_found);
    const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes, caps);
    CHECK(row_of(verdict, "kube-apiserver").repair == start::Repair::missing);
    REQUIRE(verdict.blockers.size() == 1);
    CHECK_THAT(verdict.blockers[0], Catch::StartsWith("kube-apiserver " + k_aliyun + "/kube-apiserver:v1.20.2: not-found"));
  }
  SECTION("an unreachable mirror: every image unknown, the control plane's stop start")
  {
    Answers answers = ask(plan, map, {});
    for (auto& o : answers.requested) {
      o = outcome(OutcomeKind::unreachable, "Could not resolve host: registry.cn-hangzhou.aliyuncs.com");
    }
    for (auto& o : answers.candidate_outcomes) {
      if (o) {
        *o = answers.requested.front();
      }
    }
    const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes, caps);
    for (const auto& row : verdict.rows) {
      CHECK(row.repair == start::Repair::unknown);
    }
    CHECK(verdict.blockers.size() + verdict.warnings.size() == verdict.rows.size());
    CHECK_FALSE(verdict.blockers.empty());
    CHECK_THAT(verdict.warnings.at(0), Catch::StartsWith("storage-provisioner "));
    CHECK_THAT(verdict.blockers.at(0), Catch::Contains("unreachable: Could not resolve host"));
  }
  SECTION("an addon image found under no name: its pods will not start, start goes on")
  {
    const auto answers = ask(plan, map, {k_aliyun + "/k8s-minikube/storage-provisioner:v5", k_aliyun + "/storage-provisioner:v5"});
    const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes, caps);
    const auto& provisioner = row_of(verdict, "storage-provisioner");
    CHECK(provisioner.repair == start::Repair::missing);
    CHECK_THAT(provisioner.why, Catch::Contains("; nor " + k_aliyun + "/storage-provisioner:v5: denied"));
    CHECK(verdict.blockers.empty());
    REQUIRE(verdict.warnings.size() == 1);
  }
  SECTION("the other name could not be asked: unknown, not missing")
  {
    auto answers = ask(plan, map, {k_aliyun + "/k8s-minikube/storage-provisioner:v5"});
    for (std::size_t i = 0; i < plan.images.size(); ++i) {
      if (answers.candidates[i] && answers.candidates[i]->ref.str() == k_aliyun + "/storage-provisioner:v5") {
        answers.candidate_outcomes[i] = outcome(OutcomeKind::rate_limited, "toomanyrequests");
      }
    }
    const auto verdict = start::decide_images(plan, answers.requested, answers.candidates, answers.candidate_outcomes, caps);
    CHECK(row_of(verdict, "storage-provisioner").repair == start::Repair::unknown);
    CHECK_THAT(row_of(verdict, "storage-provisioner").why, Catch::Contains("rate-limited: toomanyrequests"));
    CHECK(verdict.blockers.empty());
    CHECK(verdict.warnings.size() == 1);
  }
  SECTION("without a map there is no other name to try")
  {
    CHECK_FALSE(start::repair_candidate(plan.images.front(), nullptr));
  }
}
