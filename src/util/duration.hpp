// Durations as kubectl and minikube users type them: "10" (seconds), "3s", "500ms", "2m", "1m30s", "1.5h".
#pragma once

#include "util/result.hpp"

#include <chrono>
#include <string_view>

namespace devk8s::util {

/// Go's time.ParseDuration forms (units ms, s, m, h; fractions allowed), plus a bare number of
/// seconds. Negative values and more than a year (8760h) are errors.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

} // namespace devk8s::util
