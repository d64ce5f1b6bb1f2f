// minikube's rule for a profile (cluster) name, so that devk8s refuses a name `minikube start -p`
// would refuse, before a plan or a command line is built with it.
#pragma once

#include "util/result.hpp"

#include <string>

namespace devk8s::core::preflight {

/// A usage error (exit 2) naming `name` and the rule when minikube would refuse it as a profile
/// name: dot-separated parts of letters, digits and '-', each starting and ending with a letter
/// or digit, at least 2 characters in all, and not one of minikube's own command words.
util::Result<void> check_profile_name(const std::string& name);

} // namespace devk8s::core::preflight
