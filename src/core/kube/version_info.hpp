// apimachinery's version.Info, as GET /version answers it and as kubectl nests it under
// serverVersion: {"major":"1","minor":"20","gitVersion":"v1.20.2",…}.
#pragma once

#include "core/version.hpp"
#include "util/result.hpp"

#include <nlohmann/json_fwd.hpp>

namespace devk8s::core::kube {

/// The gitVersion of a version.Info object; an error when it is missing or not a version.
util::Result<Version> parse_version_info(const nlohmann::json& info);

} // namespace devk8s::core::kube
