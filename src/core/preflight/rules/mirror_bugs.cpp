// minikube versions that name images wrongly on a mirror (../shared/reference/minikube.md §1):
// v1.20.0–v1.23.0 prefix every addon image with the repository, keeping nested paths that
// Aliyun's flat google_containers namespace does not have (kubernetes/minikube#11881,
// storage-provisioner). v1.23.1 (#11785) and v1.24.0 (#12578) fix this, but only for the exact
// Aliyun repository string; any other repository is still prefixed naively.
#include "core/preflight/rules/rules.hpp"

namespace devk8s::core::preflight::rules {

namespace {

constexpr const char* k_aliyun = "registry.cn-hangzhou.aliyuncs.com/google_containers";

std::string repository_of(const MirrorChoice& mirror)
{
  if (!mirror.minikube.image_repository.empty()) {
    return mirror.minikube.image_repository;
  }
  return mirror.minikube.image_mirror_country == "cn" ? k_aliyun : "";
}

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
  const std::string repo = repository_of(*request.mirror);
  if (repo.empty()) {
    out.push_back({"mirror.minikube", Severity::warn, "mirror",
                   "mirror " + request.mirror->name + " has no minikube: block; minikube will pull from the upstream registries",
                   {request.mirror->name, "mirror map"}, "add image-repository to the map's minikube: block"});
    return out;
  }
  const Evidence evidence{repo, "mirror " + request.mirror->name + " minikube: block"};
  if (!facts.minikube.version) {
    out.push_back({"mirror.minikube", Severity::warn, "mirror",
                   "cannot tell whether this minikube names addon images correctly on " + repo + " (its version is unknown)",
                   evidence,
                   "see whether the path older versions use exists: devk8s mirror check " + naive_provisioner(repo) +
                       "; once minikube runs, devk8s preflight tells"});
    return out;
  }
  const Version& v = *facts.minikube.version;
  static const Version k_first_fix{1, 23, 1, {}};
  static const Version k_port_ok{1, 23, 0, {}};
  const std::string host = repo.substr(0, repo.find('/'));
  if (repo != k_aliyun && host.find(':') != std::string::npos && v < k_port_ok) {
    // validateImageRepository turned a host:port repository into "auto" before #11585.
    out.push_back({"mirror.port", Severity::fail, "mirror",
                   "minikube " + v.str() + " does not accept a port in --image-repository (" + repo +
                       "); it falls back to probing (kubernetes/minikube#11585, fixed in v1.23.0)",
                   evidence, "upgrade minikube to v1.23.0 or later, or serve the mirror on port 443"});
  }
  if (repo != k_aliyun) {
    out.push_back({"mirror.minikube", Severity::warn, "mirror",
                   "minikube " + v.str() + " prefixes addon images with " + repo +
                       " naively (its fixes match only the Aliyun repository): nested paths such as "
                       "k8s-minikube/storage-provisioner may not exist there",
                   evidence,
                   "devk8s mirror check " + naive_provisioner(repo) + " says whether it exists; if not, find the path "
                       "with devk8s mirror resolve --verify gcr.io/k8s-minikube/storage-provisioner:v5 --mirror " +
                       request.mirror->name + " and point the addon at it (minikube addons enable --registries --images)"});
  } else if (v < k_first_fix) {
    out.push_back({"mirror.minikube", Severity::warn, "mirror",
                   "minikube " + v.str() + " names addon images wrongly on this mirror: storage-provisioner becomes " +
                       repo + "/k8s-minikube/storage-provisioner:v5, which does not exist (kubernetes/minikube#11881); "
                       "PVCs then stay Pending",
                   evidence,
                   "upgrade minikube to v1.24.0 or later (" + install_command(request, "minikube") +
                       "); or, after it starts: " + enable_with(repo)});
  } else {
    out.push_back({"mirror.minikube", Severity::ok, "mirror",
                   "minikube " + v.str() + " maps addon images onto " + repo + " itself", evidence, ""});
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
