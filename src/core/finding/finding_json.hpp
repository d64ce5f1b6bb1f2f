// One finding as JSON, the same shape for preflight, doctor and start: preflight's keys as they
// were (id, severity, subject, message, evidence{value,source}, action: the hint), then
// forceable, evidenceList (every fact), causes [{id,subject}], fixes (plan steps, as plan::to_json
// writes them) and, for a cluster object, object{kind,namespace,name}.
#pragma once

#include "core/finding/finding.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::finding {

nlohmann::ordered_json to_json(const Finding& finding);

} // namespace devk8s::core::finding
