#include "core/start/image_table.hpp"

#include "core/image/mirror_resolver.hpp"

#include <algorithm>

namespace devk8s::core::start {

namespace {

using registry::OutcomeKind;

bool absent(const registry::Outcome& outcome)
{
  // A mirror answers "denied" for a repository it does not have (Aliyun: insufficient_scope),
  // so for a public mirror denied means missing (seed-case.md).
  return outcome.kind == OutcomeKind::not_found || outcome.kind == OutcomeKind::denied;
}

std::string words(const registry::Outcome& outcome)
{
  return std::string(registry::to_string(outcome.kind)) + (outcome.message.empty() ? "" : ": " + outcome.message);
}

// Kubeadm pulls the control plane and the CNI during `minikube start` itself: nothing can be tagged
// before there is a node, so a missing one stops start before it begins.
bool pulled_by_start(const minikube::PlannedImage& image) { return image.source != minikube::ImageSource::addon; }

} // namespace

std::string_view to_string(Repair repair)
{
  switch (repair) {
  case Repair::none:
    return "none";
  case Repair::enable_images:
    return "enable-images";
  case Repair::retag:
    return "retag";
  case Repair::missing:
    return "missing";
  case Repair::unknown:
    return "unknown";
  }
  return "unknown";
}

std::optional<Candidate> repair_candidate(const minikube::PlannedImage& image, const image::MirrorMap* map)
{
  if (map == nullptr) {
    return std::nullopt;
  }
  const auto resolution = image::resolve(image.requested, *map);
  if (!resolution.changed()) {
    return std::nullopt;
  }
  return Candidate{resolution.chosen(), map->describe_rule(resolution.candidates.front().rule_index)};
}

bool ImageVerdict::needs_retag() const
{
  return std::any_of(rows.begin(), rows.end(), [](const ImageRow& row) { return row.repair == Repair::retag; });
}

ImageVerdict decide_images(const minikube::ImagePlan& plan, const std::vector<registry::Outcome>& requested,
                           const std::vector<std::optional<Candidate>>& candidates,
                           const std::vector<std::optional<registry::Outcome>>& candidate_outcomes,
                           const minikube::Capabilities& capabilities)
{
  ImageVerdict verdict;
  for (std::size_t i = 0; i < plan.images.size(); ++i) {
    ImageRow row;
    row.image = plan.images[i];
    row.requested = requested.at(i);
    row.candidate = candidates.at(i);
    row.candidate_outcome = candidate_outcomes.at(i);
    const std::string name = row.image.requested.familiar();
    if (row.requested.ok()) {
      row.repair = Repair::none;
      row.why = "found " + row.requested.digest;
    } else if (!absent(row.requested)) {
      row.repair = Repair::unknown;
      row.why = words(row.requested);
    } else if (row.candidate && row.candidate_outcome && row.candidate_outcome->ok()) {
      const std::string elsewhere = "the mirror has it as " + row.candidate->ref.familiar() + " (" + row.candidate->rule + ")";
      if (pulled_by_start(row.image)) {
        row.repair = Repair::missing;
        row.why = words(row.requested) + "; " + elsewhere + ", a name kubeadm cannot be given";
      } else {
        row.repair =
            capabilities.addon_custom_images_persist && !row.image.key.empty() ? Repair::enable_images : Repair::retag;
        row.why = elsewhere;
      }
    } else if (row.candidate && row.candidate_outcome && !absent(*row.candidate_outcome)) {
      // The other name could not be asked (unreachable, rate-limited): not known to be missing.
      row.repair = Repair::unknown;
      row.why = words(row.requested) + "; " + row.candidate->ref.familiar() + ": " + words(*row.candidate_outcome);
    } else {
      row.repair = Repair::missing;
      row.why = words(row.requested);
      if (row.candidate && row.candidate_outcome) {
        row.why += "; nor " + row.candidate->ref.familiar() + ": " + words(*row.candidate_outcome);
      }
    }
    if (row.repair == Repair::missing || row.repair == Repair::unknown) {
      (pulled_by_start(row.image) ? verdict.blockers : verdict.warnings)
          .push_back(row.image.component + " " + name + ": " + row.why);
    }
    verdict.rows.push_back(std::move(row));
  }
  return verdict;
}

} // namespace devk8s::core::start
