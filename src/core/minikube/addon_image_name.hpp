// The image name an addon's manifest ends up with, given the minikube release's rules and the
// --image-repository (../shared/reference/minikube.md §1). This is the template
//   {{.CustomRegistries.X | default .ImageRepository | default .Registries.X}}{{.Images.X}}
// after the Aliyun-only fixes have filled CustomRegistries/Images. Pure text, no parsing.
#pragma once

#include "core/minikube/capabilities.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::minikube {

/// The name the manifest requests for an addon image whose default is `registry` + `image`
/// (assets/addons.go), under `repository` ("" = none).
std::string addon_image_name(const Capabilities& caps, const std::string& repository, std::string_view registry,
                             std::string_view image);

/// aliyun_mirror.json's answer for a lookup key ("registry/path" without the tag; no registry
/// when it is "" or docker.io), for the table of `rule`: the flat Aliyun name, e.g.
/// "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner", or nullopt.
std::optional<std::string> aliyun_mapping(AliyunAddonRule rule, std::string_view key);

} // namespace devk8s::core::minikube
