#include "app/start_images.hpp"

#include <algorithm>

namespace devk8s::app {

util::Result<StartImages> check_start_images(ports::RegistryClient& registry, const StartImagesRequest& request,
                                             ports::Reporter& reporter)
{
  StartImages result;
  DEVK8S_TRY(result.plan, core::minikube::plan_images(request.plan));
  const auto& images = result.plan.images;

  // One batch, each reference once: the control plane shares nothing, but a map's repair may name
  // an image the plan also requests.
  std::vector<core::image::ImageRef> asked;
  const auto index_of = [&asked](const core::image::ImageRef& ref) {
    const auto it = std::find(asked.begin(), asked.end(), ref);
    if (it != asked.end()) {
      return static_cast<std::size_t>(it - asked.begin());
    }
    asked.push_back(ref);
    return asked.size() - 1;
  };
  std::vector<std::size_t> requested_at;
  std::vector<std::optional<core::start::Candidate>> candidates;
  std::vector<std::optional<std::size_t>> candidate_at;
  for (const auto& image : images) {
    requested_at.push_back(index_of(image.requested));
    candidates.push_back(core::start::repair_candidate(image, request.map));
    candidate_at.push_back(candidates.back() ? std::optional<std::size_t>(index_of(candidates.back()->ref)) : std::nullopt);
  }
  reporter.status("asking the registries about " + std::to_string(asked.size()) + " image(s)");
  const auto outcomes = registry.check_manifests(asked, request.registry);
  reporter.status("");
  result.asked = asked.size();

  std::vector<core::registry::Outcome> requested;
  std::vector<std::optional<core::registry::Outcome>> candidate_outcomes;
  for (std::size_t i = 0; i < images.size(); ++i) {
    requested.push_back(outcomes.at(requested_at[i]));
    candidate_outcomes.push_back(candidate_at[i] ? std::optional(outcomes.at(*candidate_at[i])) : std::nullopt);
  }
  result.verdict = core::start::decide_images(result.plan, requested, candidates, candidate_outcomes,
                                              core::minikube::capabilities_of(request.plan.minikube));
  return result;
}

} // namespace devk8s::app
