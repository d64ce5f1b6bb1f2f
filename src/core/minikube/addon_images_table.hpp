// `minikube addons images ADDON` (cmd/minikube/cmd/config/images.go): a line
// "▪ <addon> has following images:" ("has the following" in later releases), then a
// tablewriter table with the headers IMAGE NAME | DEFAULT IMAGE | DEFAULT REGISTRY, one row per
// Images key in Go map order; or "<addon> doesn't have images."; or "No such addon <addon>".
// Two layouts are parsed: v1.20.0's (tablewriter v0.0.x, `|` borders, `|---|` rules), as shown in
// site/content/en/docs/handbook/addons/custom-images.md, and v1.38.1's (tablewriter v1.1.x, box
// characters `│ ├─┼─┤`). Other layouts are refused, not guessed.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

struct AddonImageRow {
  std::string key;      ///< the --images/--registries key, e.g. "StorageProvisioner"
  std::string image;    ///< default path:tag[@digest]
  std::string registry; ///< default registry; "" = Docker Hub or a registry inside `image`
};

/// The rows, in printed order (minikube's order is random). An addon without images gives none.
util::Result<std::vector<AddonImageRow>> parse_addon_images_table(std::string_view text);

} // namespace devk8s::core::minikube
