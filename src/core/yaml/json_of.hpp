// A YAML node as JSON, the way sigs.k8s.io/yaml (kubectl's reader of YAML manifests) converts it.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace devk8s::core::yaml {

/// Maps and sequences as objects and arrays; a plain scalar that YAML 1.1 reads as a number,
/// boolean or null keeps that type; everything else (quoted scalars included) is a string.
nlohmann::json json_of(const YAML::Node& node);

} // namespace devk8s::core::yaml
