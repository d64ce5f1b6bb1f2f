// `devk8s start`'s image table, decided before minikube runs: for each image the cluster will ask
// for (core/minikube/image_plan, under the name this release will really request), whether the
// registry has it, and when not, the name the mirror has it under and how that reaches the
// cluster. This is what would have caught the seed case (../shared/reference/seed-case.md): v1.20.0
// with --image-mirror-country=cn asks for `<aliyun>/k8s-minikube/storage-provisioner:v5`, which
// Aliyun does not have; Aliyun has it at `<aliyun>/storage-provisioner:v5`. Pure: the registry's
// answers come in as values.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/image/mirror_map.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/minikube/image_plan.hpp"
#include "core/registry/outcome.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::start {

/// Another name for an image the requested name of which may not exist: the mirror map's repair
/// of a naive mirror path, and the map's rule that gives it.
struct Candidate {
  image::ImageRef ref;
  std::string rule;
};

/// The name to ask the registry about besides `image.requested`, when the map repairs it; none
/// otherwise (no map, or the requested name is the map's own answer).
std::optional<Candidate> repair_candidate(const minikube::PlannedImage& image, const image::MirrorMap* map);

/// How an image reaches the nodes.
enum class Repair {
  none,          ///< the requested name exists: nothing to do
  enable_images, ///< an addon's image, given with `minikube addons enable --images/--registries`,
                 ///< which this release keeps in the profile (v1.21.0+)
  retag,         ///< an addon's image, tagged on the nodes under the requested name after start
                 ///< (`devk8s retag ADDON`): this release would forget custom images on restart
  missing,       ///< found under no name devk8s knows: its pods cannot start
  unknown,       ///< the registry could not be asked (unreachable, rate-limited, a bad answer)
};

std::string_view to_string(Repair repair);

struct ImageRow {
  minikube::PlannedImage image;
  registry::Outcome requested;           ///< the registry's answer for image.requested
  std::optional<Candidate> candidate;    ///< the mirror's other name for it, when asked
  std::optional<registry::Outcome> candidate_outcome;
  Repair repair = Repair::none;
  std::string why; ///< one line: the registry's words, or how the repair gets it there
};

/// What start may do with the table.
struct ImageVerdict {
  std::vector<ImageRow> rows;
  /// Reasons minikube must not run: kubeadm would stall on a control-plane or CNI image that is
  /// missing or cannot be asked for (the mirror is unreachable). Each names the image.
  std::vector<std::string> blockers;
  /// Addon images that will not run even after start's repairs, or that could not be asked
  /// about; start goes on, the doctor will show them.
  std::vector<std::string> warnings;
  bool needs_retag() const;
};

/// `requested[i]` answers `plan.images[i].requested`; `candidates[i]`, when set, was asked too,
/// and `candidate_outcomes[i]` is its answer. Sizes must match the plan's.
ImageVerdict decide_images(const minikube::ImagePlan& plan, const std::vector<registry::Outcome>& requested,
                           const std::vector<std::optional<Candidate>>& candidates,
                           const std::vector<std::optional<registry::Outcome>>& candidate_outcomes,
                           const minikube::Capabilities& capabilities);

} // namespace devk8s::core::start
