// `minikube addons list -o json`: {"<addon>":{"Profile":"minikube","Status":"enabled"},…}
// (cmd/minikube/cmd/config/addons_list.go; ../shared/reference/minikube.md §5).
#pragma once

#include "util/result.hpp"

#include <map>
#include <string>
#include <string_view>

namespace devk8s::core::minikube {

struct AddonState {
  std::string profile;
  bool enabled = false;
};

/// Addon name → state; a Status other than "enabled"/"disabled" is an error.
util::Result<std::map<std::string, AddonState>> parse_addons_list_json(std::string_view json);

} // namespace devk8s::core::minikube
