// minikube's rules for profile (cluster) and node names, so that devk8s refuses a name `minikube -p`
// would refuse before a plan or a command line is built with it. Pure.
#pragma once

#include "util/result.hpp"

#include <string_view>

namespace devk8s::core::minikube {

/// A usage error (exit 2) naming `name` and the rule when minikube would refuse it as a profile
/// name: dot-separated parts of letters, digits and '-', each starting and ending with a letter
/// or digit, at least 2 characters in all, and not one of minikube's own command words.
/// At most 253 characters (a DNS name), a limit minikube leaves to Docker.
util::Result<void> check_profile_name(std::string_view name);

/// A node name ("minikube-m02", "m02"): the same labels, one character allowed, no keyword rule.
util::Result<void> check_node_name(std::string_view name);

} // namespace devk8s::core::minikube
