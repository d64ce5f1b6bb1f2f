// The repository minikube puts images under, from `--image-repository` and
// `--image-mirror-country` as start.go reads them (../shared/reference/minikube.md §1). Pure:
// `auto` (probe the candidates) is a network decision and is refused here.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::minikube {

/// "" means the upstream registries (gcr.io, k8s.gcr.io/registry.k8s.io, docker.io).
/// - an explicit repository beats a country (#8249); its scheme and trailing '/' are dropped
///   (validateImageRepository, v1.19.0 #10760);
/// - the country is lowercased and looked up in constants.ImageRepositories: "global" → "",
///   "cn" → k_aliyun_mirror; anything else is minikube's "invalid image mirror country code".
util::Result<std::string> image_repository(std::string_view image_repository_flag,
                                           std::string_view mirror_country_flag);

} // namespace devk8s::core::minikube
