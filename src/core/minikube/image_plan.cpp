#include "core/minikube/image_plan.hpp"

#include "core/minikube/addon_image_name.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/minikube/control_plane.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::core::minikube {

namespace {

util::Result<image::ImageRef> parse_name(const std::string& text, const std::string& component)
{
  auto ref = image::ImageRef::parse(text);
  if (!ref) {
    return util::usage_error("minikube would request an invalid image for " + component + ": " + ref.error().message,
                             "check --image-repository");
  }
  return ref;
}

util::Result<void> check_range(const Inventory& inventory, const Version& kubernetes)
{
  DEVK8S_TRY(const auto oldest, Version::parse(inventory.oldest_kubernetes));
  DEVK8S_TRY(const auto newest, Version::parse(inventory.newest_kubernetes));
  if (kubernetes < oldest || kubernetes > newest) {
    return util::usage_error("minikube " + std::string(inventory.minikube_version) + " does not run Kubernetes " +
                                 kubernetes.str() + ": it supports " + oldest.str() + " to " + newest.str(),
                             "pass a --kubernetes-version in that range");
  }
  return {};
}

util::Result<void> check_addons(const std::vector<std::string>& addons)
{
  const auto known = known_addons();
  for (const auto& addon : addons) {
    if (std::find(known.begin(), known.end(), addon) == known.end()) {
      return util::usage_error("unknown addon " + util::quoted(addon) + ": devk8s knows the images of " +
                               util::join(known, ", "));
    }
  }
  return {};
}

// images.go storageProvisioner(): what minikube caches for the provisioner (minikube.md §1).
std::string provisioner_list_name(const Capabilities& caps, const std::string& repository)
{
  if (repository.empty()) {
    return "gcr.io/k8s-minikube/storage-provisioner:v5";
  }
  if (!caps.images_list_nested_provisioner || (caps.aliyun_images_list_fix && repository == k_aliyun_mirror)) {
    return repository + "/storage-provisioner:v5";
  }
  return repository + "/k8s-minikube/storage-provisioner:v5";
}

} // namespace

util::Result<ImagePlan> plan_images(const PlanRequest& request)
{
  const Capabilities caps = capabilities_of(request.minikube);
  bool exact = false;
  const Inventory& inventory = nearest_inventory(request.minikube, exact);
  ImagePlan plan{std::string(inventory.minikube_version), exact, {}};
  if (exact) {
    // The supported range is recorded only for the releases whose tables these are.
    if (auto in_range = check_range(inventory, request.kubernetes); !in_range) {
      return in_range.error();
    }
  }
  if (auto checked = check_addons(request.addons); !checked) {
    return checked.error();
  }
  DEVK8S_TRY(const auto control, control_plane_images(request.kubernetes, request.repository, caps.aliyun_images_list_fix));
  for (const auto& image : control) {
    DEVK8S_TRY(auto upstream, parse_name(image.upstream, image.component));
    DEVK8S_TRY(auto requested, parse_name(image.requested, image.component));
    PlannedImage planned{ImageSource::control_plane, image.component, "", upstream, requested, PullPolicy::unknown, {}};
    if (!image.minikube_list_name.empty()) {
      DEVK8S_TRY(auto listed, parse_name(image.minikube_list_name, image.component));
      planned.minikube_list_name = listed;
    }
    plan.images.push_back(std::move(planned));
  }
  if (request.runtime != ContainerRuntime::docker || request.nodes > 1) {
    // cni.go chooseDefault: KIC driver with containerd/cri-o, or several nodes → kindnet,
    // named images.KindNet(repo) = <repo>/kindnetd:<tag>; its manifest sets no pull policy.
    const std::string upstream_text(inventory.kindnet_image);
    const std::string tag = upstream_text.substr(upstream_text.rfind(':'));
    const std::string requested_text = request.repository.empty() ? upstream_text : request.repository + "/kindnetd" + tag;
    DEVK8S_TRY(auto upstream, parse_name(upstream_text, "kindnet"));
    DEVK8S_TRY(auto requested, parse_name(requested_text, "kindnet"));
    plan.images.push_back({ImageSource::cni, "kindnet", "", upstream, requested, PullPolicy::unset, {}});
  }
  std::vector<std::string> seen;
  for (const auto& addon : request.addons) {
    if (std::find(seen.begin(), seen.end(), addon) != seen.end()) {
      continue;
    }
    seen.push_back(addon);
    for (const auto& image : inventory.addon_images) {
      if (image.addon != addon) {
        continue;
      }
      const std::string registry(image.registry);
      const std::string upstream_text = registry.empty() ? std::string(image.image) : registry + "/" + std::string(image.image);
      DEVK8S_TRY(auto upstream, parse_name(upstream_text, addon));
      DEVK8S_TRY(auto requested, parse_name(addon_image_name(caps, request.repository, image.registry, image.image), addon));
      PlannedImage planned{ImageSource::addon, addon, std::string(image.key), upstream, requested, image.pull_policy, {}};
      if (image.key == "StorageProvisioner") {
        DEVK8S_TRY(auto listed, parse_name(provisioner_list_name(caps, request.repository), addon));
        if (listed != requested) {
          planned.minikube_list_name = listed;
        }
      }
      plan.images.push_back(std::move(planned));
    }
  }
  return plan;
}

} // namespace devk8s::core::minikube
