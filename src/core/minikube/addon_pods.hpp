// Where a minikube addon's pods live and how to find them: the namespace and pod labels its
// manifest templates give them (kubernetes/minikube v1.20.0 and v1.38.1 deploy/addons/*), so
// retag and doctor can tell an addon's pods from the user's. Pure data.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

using Labels = std::map<std::string, std::string>;

struct AddonPods {
  std::string_view addon;
  std::string_view namespace_name;
  /// A pod belongs to the addon when its labels include every pair of one of these.
  std::vector<Labels> selectors;
  /// The pods that must be Ready for the addon to work: `selectors` unless a subset is named
  /// (ingress's admission Jobs complete and are never Ready).
  std::vector<Labels> ready_selectors;
  /// The storage provisioner the addon's pods serve (PVCs wait for it by this name), or "".
  std::string_view provisioner;
};

/// The addon's pods, or nullptr for an addon devk8s has no record of.
const AddonPods* addon_pods(std::string_view addon);

/// The addons that have a record here (those retag can repair), sorted.
std::vector<std::string> addons_with_pods();

/// True when `labels` has every pair of `selector`.
bool matches(const Labels& labels, const Labels& selector);

/// "k=v,k2=v2", as a labelSelector query and `kubectl get -l` take it.
std::string selector_text(const Labels& selector);

} // namespace devk8s::core::minikube
