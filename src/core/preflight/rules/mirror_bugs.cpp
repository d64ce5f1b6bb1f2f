// minikube versions that name images wrongly on a mirror (../shared/reference/minikube.md §1):
// v1.20.0–v1.23.0 prefix every addon image with the repository, keeping nested paths that
// Aliyun's flat google_containers namespace does not have (kubernetes/minikube#11881,
// storage-provisioner). v1.23.1 (#11785) and v1.24.0 (#12578) fix this, but only for the exact
// Aliyun repository string; any other repository is still prefixed naively. The version
// boundaries are core/minikube's capabilities, the repository its image_repository().
#include "core/preflight/rules/rules.hpp"

#include "core/minikube/image_repository.hpp"

namespace devk8s::core::preflight::rules {

namespace {

// The path minikube's addon manifests use for storage-provisioner on a repository prefixed
// naively (every version for a repository other than Aliyun's, v1.20.0–v1.23.0 for Aliyun's):
// `devk8s mirror check` says whether the mirror has it.
std::string naive_provisioner(const std::string& repo)
{
  return repo + "/k8s-minikube/storage-provisioner:v5";
}

// The workaround that works in every version since v1.18.0 (minikube.md §3): point the addon at
// the path that exists, after minikube starts.
std::string enable_with(const std::string& repo)
{
  return "minikube addons enable storage-provisioner --registries=StorageProvisioner=" + repo +
         " --images=StorageProvisioner=storage-provisioner:v5";
}

} // namespace

Findings check_mirror_bugs(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  if (!request.mirror) {
    return out;
  }
  const auto& settings = request.mirror->minikube;
  const auto repository = minikube::image_repository(settings.image_repository, settings.image_mirror_country);
  if (!repository) {
    out.push_back(about_host("mirror.minikube", Severity::warn, "mirror",
                             "mirror " + request.mirror->name + "'s minikube: block: " + repository.error().message,
                             {request.mirror->name, "mirror map"}, "fix image-mirror-country in the map's minikube: block"));
    return out;
  }
  const std::string& repo = *repository;
  if (repo.empty()) {
    out.push_back(about_host(
        "mirror.minikube", Severity::warn, "mirror",
        "mirror " + request.mirror->name + " has no minikube: block; minikube will pull from the upstream registries",
        {request.mirror->name, "mirror map"}, "add image-repository to the map's minikube: block"));
    return out;
  }
  const Evidence evidence{repo, "mirror " + request.mirror->name + " minikube: block"};
  const auto caps = minikube_capabilities(facts);
  if (!caps) {
    out.push_back(about_host("mirror.minikube", Severity::warn, "mirror",
                             "cannot tell whether this minikube names addon images correctly on " + repo +
                                 " (its version is unknown)",
                             evidence,
                             "see whether the path older versions use exists: devk8s mirror check " +
                                 naive_provisioner(repo) + "; once minikube runs, devk8s preflight tells"));
    return out;
  }
  const Version& v = caps->version;
  const bool aliyun = repo == minikube::k_aliyun_mirror;
  const std::string host = repo.substr(0, repo.find('/'));
  if (!aliyun && host.find(':') != std::string::npos && !caps->image_repository_port) {
    // validateImageRepository turned a host:port repository into "auto" before #11585.
    out.push_back(about_host("mirror.port", Severity::fail, "mirror",
                             "minikube " + v.str() + " does not accept a port in --image-repository (" + repo +
                                 "); it falls back to probing (kubernetes/minikube#11585, fixed in v1.23.0)",
                             evidence, "upgrade minikube to v1.23.0 or later, or serve the mirror on port 443"));
  }
  if (!aliyun) {
    out.push_back(about_host(
        "mirror.minikube", Severity::warn, "mirror",
        "minikube " + v.str() + " prefixes addon images with " + repo +
            " naively (its fixes match only the Aliyun repository): nested paths such as "
            "k8s-minikube/storage-provisioner may not exist there",
        evidence,
        "devk8s mirror check " + naive_provisioner(repo) +
            " says whether it exists; if not, find the path "
            "with devk8s mirror resolve --verify gcr.io/k8s-minikube/storage-provisioner:v5 --mirror " +
            request.mirror->name + " and point the addon at it (minikube addons enable --registries --images)"));
  } else if (caps->aliyun_addon_rule == minikube::AliyunAddonRule::naive) {
    out.push_back(about_host(
        "mirror.minikube", Severity::warn, "mirror",
        "minikube " + v.str() + " names addon images wrongly on this mirror: storage-provisioner becomes " + repo +
            "/k8s-minikube/storage-provisioner:v5, which does not exist (kubernetes/minikube#11881); "
            "PVCs then stay Pending",
        evidence,
        "upgrade minikube to v1.24.0 or later (" + install_command(request, "minikube") +
            "); or, after it starts: " + enable_with(repo)));
  } else {
    out.push_back(about_host("mirror.minikube", Severity::ok, "mirror",
                             "minikube " + v.str() + " maps addon images onto " + repo + " itself", evidence, ""));
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
