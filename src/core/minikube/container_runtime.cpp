#include "core/minikube/container_runtime.hpp"

#include "util/strings.hpp"

namespace devk8s::core::minikube {

util::Result<ContainerRuntime> parse_container_runtime(std::string_view text)
{
  const std::string name = util::to_lower(util::trim(text));
  if (name == "docker") {
    return ContainerRuntime::docker;
  }
  if (name == "containerd") {
    return ContainerRuntime::containerd;
  }
  if (name == "crio" || name == "cri-o") {
    return ContainerRuntime::crio;
  }
  return util::usage_error("unknown container runtime " + util::quoted(text) +
                           ": expected docker, containerd or crio");
}

std::string_view to_string(ContainerRuntime runtime)
{
  switch (runtime) {
  case ContainerRuntime::docker:
    return "docker";
  case ContainerRuntime::containerd:
    return "containerd";
  case ContainerRuntime::crio:
    return "crio";
  }
  return "docker";
}

} // namespace devk8s::core::minikube
