#include "core/install/version_command.hpp"

namespace devk8s::core::install {

VersionCommand version_command(Tool tool)
{
  if (tool == Tool::kubectl) {
    return {{"version", "--client", "-o", "json"}, {{"KUBECONFIG", "/dev/null"}}};
  }
  return {{"version", "-o", "json"}, {}};
}

} // namespace devk8s::core::install
