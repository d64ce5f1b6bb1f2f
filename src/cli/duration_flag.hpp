// A flag that takes how long to wait (--timeout 5m, --start-timeout 45m): its value read, or one
// usage error that names the flag and shows a value that works.
#pragma once

#include "util/result.hpp"

#include <chrono>
#include <string>

namespace devk8s::cli {

/// `text` as a duration (util/duration.hpp) of more than 0. Errors (usage, exit 2):
/// "FLAG: invalid duration ..." or "FLAG must be more than 0", hint "for example FLAG EXAMPLE".
util::Result<std::chrono::milliseconds> wait_duration(const std::string& flag, const std::string& text,
                                                      const std::string& example);

} // namespace devk8s::cli
