// minikube's --container-runtime values and the profile's KubernetesConfig.ContainerRuntime.
#pragma once

#include "util/result.hpp"

#include <string_view>

namespace devk8s::core::minikube {

enum class ContainerRuntime { docker, containerd, crio };

/// "docker", "containerd", "crio" (minikube also accepts "cri-o"); case-insensitive.
util::Result<ContainerRuntime> parse_container_runtime(std::string_view text);

/// As the profile stores it: "docker", "containerd", "crio".
std::string_view to_string(ContainerRuntime runtime);

} // namespace devk8s::core::minikube
