// `minikube version -o json`: {"commit":"c61663e942…","minikubeVersion":"v1.20.0"}
// (cmd/minikube/cmd/version.go). The version is read by core/preflight's parser, so the two
// cannot disagree; this adds the commit.
#pragma once

#include "core/version.hpp"
#include "util/result.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::minikube {

struct VersionInfo {
  Version version;
  std::string commit; ///< "" when the build did not record one
};

util::Result<VersionInfo> parse_version_json(std::string_view json);

} // namespace devk8s::core::minikube
