#include "version_profile.hpp"

namespace devk8s::sim {

std::optional<VersionProfile> VersionProfile::named(const std::string& version)
{
  // Commits: as `minikube version` prints them for each release (v1.20.0 per minikube.md's
  // header; the others as users' transcripts of `minikube version` show them).
  if (version == "v1.20.0") {
    return VersionProfile{version, "c61663e942ec43b20e8e70839dcca52e44cd85ae", false, false, false, false, true, false};
  }
  if (version == "v1.23.2") {
    return VersionProfile{version, "0a0ad764652082477c00d51d2475284b5d39ceed", true, false, true, true, true, false};
  }
  if (version == "v1.26.0") {
    return VersionProfile{version, "f4b412861bb746be73053c9f6d2895f12cf78565", true, true, true, true, false, false};
  }
  if (version == "v1.38.1" || version == "latest") {
    return VersionProfile{"v1.38.1", "c93a4cb9311efc66b90d33ea03f75f2c4120e9b0", true, true, true, true, false, true};
  }
  return std::nullopt;
}

std::string storage_provisioner_image(const VersionProfile& profile, const std::string& repo,
                                      const std::string& aliyun, const std::string& custom_registry,
                                      const std::string& custom_image)
{
  const std::string image = custom_image.empty() ? "k8s-minikube/storage-provisioner:v5" : custom_image;
  if (!custom_registry.empty()) {
    return custom_registry + "/" + image;
  }
  if (repo.empty()) {
    return "gcr.io/" + image;
  }
  if (profile.aliyun_addon_fix && repo == aliyun && custom_image.empty()) {
    // fixAddonImages (v1.23.1) and the aliyun_mirror.json table (v1.24.0) give the flat name.
    return repo + "/storage-provisioner:v5";
  }
  return repo + "/" + image;
}

} // namespace devk8s::sim
