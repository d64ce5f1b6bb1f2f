// The smoke objects as they were when a check failed, in the spirit of `kubectl describe`: each
// object's status (phase, conditions, containers, replicas, claim phase, endpoints) and the
// events about it, oldest first. Written to --report-dir so a CI log says why without a cluster.
#pragma once

#include "core/smoke/evaluate.hpp"
#include "core/smoke/suite.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace devk8s::core::smoke {

/// `events`: the smoke namespace's Event items. Objects the lists lack are said to be missing.
std::string describe_objects(const Suite& suite, const Observation& observation,
                             const std::vector<nlohmann::json>& events);

} // namespace devk8s::core::smoke
