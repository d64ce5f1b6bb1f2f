// Step 3 of `devk8s start`: every image the cluster will pull under the names this minikube
// release will request (core/minikube/image_plan), each asked on its registry in one batch with
// the mirror map's other name for it, and the table of what exists and how the rest is repaired
// (core/start/image_table). Runs before minikube does: a control-plane image the mirror lacks, or
// a mirror that cannot be reached, stops start here.
#pragma once

#include "core/image/mirror_map.hpp"
#include "core/minikube/image_plan.hpp"
#include "core/start/image_table.hpp"
#include "ports/registry_client.hpp"
#include "ports/reporter.hpp"
#include "util/result.hpp"

namespace devk8s::app {

struct StartImagesRequest {
  core::minikube::PlanRequest plan;
  const core::image::MirrorMap* map = nullptr; ///< the map whose repairs to try; none: only the requested names
  ports::RegistryCheckOptions registry;
};

struct StartImages {
  core::minikube::ImagePlan plan;
  core::start::ImageVerdict verdict;
  std::size_t asked = 0; ///< distinct references sent to the registries
};

/// Errors: the plan's (a Kubernetes version minikube does not support, an unknown addon).
util::Result<StartImages> check_start_images(ports::RegistryClient& registry, const StartImagesRequest& request,
                                             ports::Reporter& reporter);

} // namespace devk8s::app
