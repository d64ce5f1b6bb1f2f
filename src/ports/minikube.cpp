#include "ports/minikube.hpp"

namespace devk8s::ports {

util::Result<core::minikube::Capabilities> Minikube::capabilities()
{
  DEVK8S_TRY(const auto info, version());
  return core::minikube::capabilities_of(info.version);
}

} // namespace devk8s::ports
