#include "core/minikube/image_repository.hpp"

#include "core/minikube/capabilities.hpp"
#include "util/strings.hpp"

namespace devk8s::core::minikube {

util::Result<std::string> image_repository(std::string_view image_repository_flag,
                                           std::string_view mirror_country_flag)
{
  std::string repo(util::trim(image_repository_flag));
  if (repo == "auto") {
    return util::usage_error("--image-repository=auto is decided by probing the registries, not from the flags",
                             "name the repository, e.g. --image-mirror-country=cn");
  }
  if (!repo.empty()) {
    for (std::string_view scheme : {"https://", "http://"}) {
      if (repo.rfind(scheme, 0) == 0) {
        repo.erase(0, scheme.size());
      }
    }
    while (!repo.empty() && repo.back() == '/') {
      repo.pop_back();
    }
    if (repo.empty()) {
      return util::usage_error("invalid --image-repository " + util::quoted(image_repository_flag) +
                               ": no host after the scheme");
    }
    return repo;
  }
  const std::string country = util::to_lower(util::trim(mirror_country_flag));
  if (country.empty() || country == "global") {
    return std::string();
  }
  if (country == "cn") {
    return std::string(k_aliyun_mirror);
  }
  return util::usage_error("invalid image mirror country code " + util::quoted(mirror_country_flag) +
                               ": minikube knows only \"cn\" and \"global\"",
                           "use --image-mirror-country=cn, or --image-repository=<your mirror>");
}

} // namespace devk8s::core::minikube
