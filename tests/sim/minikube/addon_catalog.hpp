// The addons whose images the simulation models, per minikube version: their Images and
// Registries maps (pkg/minikube/assets/addons.go at v1.20.0, v1.23.2, v1.26.0, v1.38.1), the
// image each Deployment's template renders (deploy/addons/*/…dp.yaml.tmpl: `{{.CustomRegistries.X
// | default .ImageRepository | default .Registries.X}}{{.Images.X}}`, each registry given a
// trailing "/"), the Aliyun fixes of each release, and the `addons images` table.
// The product has its own version of these rules (src/core/minikube); this double is written
// apart from it, from minikube's source, so that the two can disagree when one is wrong.
#pragma once

#include "version_profile.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::sim {

struct AddonImage {
  std::string key;      ///< the Images key, e.g. "Dashboard" (what --images/--registries name)
  std::string image;    ///< the default image, path:tag[@sha256:…]
  std::string registry; ///< the default registry, "" when the map has none
};

/// The images of `addon` in `version`, sorted by key; nullopt when the simulation does not model
/// the addon's images (dashboard, metrics-server and storage-provisioner are modelled).
std::optional<std::vector<AddonImage>> addon_images(const std::string& version, const std::string& addon);

/// The image minikube puts in the addon's manifest. `repo` is --image-repository ("" for none),
/// `aliyun` the mirror the simulation's "cn" stands for (minikube compares the repository with
/// constants.AliyunMirror), `custom_image`/`custom_registry` what --images/--registries (or the
/// profile, from v1.21) give for this key, nullopt when nothing. `shown` receives the
/// "Using image …" line minikube prints for it.
std::string addon_image(const VersionProfile& profile, const std::string& repo, const std::string& aliyun,
                        const AddonImage& entry, const std::optional<std::string>& custom_image,
                        const std::optional<std::string>& custom_registry, std::string& shown);

/// `minikube addons images ADDON` for a modelled addon, as stdout shows it off a terminal.
std::string addon_images_table(const std::string& version, const std::string& addon,
                               const std::vector<AddonImage>& images);

} // namespace devk8s::sim
