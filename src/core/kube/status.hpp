// The words for an API server's refusal: its Status object (metav1.Status: kind Status, reason,
// message, code) turned into devk8s's one error line and a hint that fits the status.
#pragma once

#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::core::kube {

/// "<server>: HTTP 403 Forbidden: pods is forbidden: User …", with a hint for 401, 403, 404, 410,
/// 429 and 5xx. `body` may be anything: a Status, other JSON, or null.
util::Error status_error(const std::string& server, long status, const nlohmann::json& body);

} // namespace devk8s::core::kube
