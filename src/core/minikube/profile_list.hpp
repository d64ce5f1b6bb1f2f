// `minikube profile list -o json` (cmd/minikube/cmd/config/profile_list.go):
// {"invalid":[…],"valid":[{"Name","Status","Config":{…ClusterConfig…}}]}, the ClusterConfig
// fields of pkg/minikube/config/types.go (../shared/reference/minikube.md §5). Only the fields
// devk8s reads are kept; HEAD's extra Active/ActiveKubeContext are ignored.
#pragma once

#include "core/minikube/container_runtime.hpp"
#include "core/version.hpp"
#include "util/result.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

struct ProfileNode {
  std::string name; ///< "" for the first control-plane node (its machine is the profile's name)
  std::string ip;
  std::string kubernetes_version;
  bool control_plane = false;
  bool worker = false;
};

struct Profile {
  std::string name;
  std::string status; ///< "Running", "Stopped", "Skipped" (with --light), ...
  std::string image_repository;
  ContainerRuntime container_runtime = ContainerRuntime::docker;
  Version kubernetes_version;
  std::vector<ProfileNode> nodes;
  std::map<std::string, bool> addons;
  /// --images/--registries saved by `addons enable` (v1.21.0+, #11432); empty before.
  std::map<std::string, std::string> custom_addon_images;
  std::map<std::string, std::string> custom_addon_registries;
};

struct ProfileList {
  std::vector<Profile> valid;
  std::vector<std::string> invalid; ///< their names
};

util::Result<ProfileList> parse_profile_list_json(std::string_view json);

} // namespace devk8s::core::minikube
