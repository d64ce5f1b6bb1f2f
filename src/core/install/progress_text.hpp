// The words of a download's progress: sizes, rates and time left, as curl and minikube print
// them ("12.3 MiB", "3.2 MiB/s", "ETA 15s"). Pure: the caller measures, this formats.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace devk8s::core::install {

/// Binary units with one decimal above KiB: "512 B", "1.5 KiB", "60.1 MiB".
std::string format_bytes(std::uint64_t bytes);

/// "3.2 MiB/s"; "-" when no time has passed.
std::string format_rate(std::uint64_t bytes, std::chrono::milliseconds elapsed);

/// One progress line without a newline. `total` 0 means unknown: no percentage and no ETA.
std::string progress_line(const std::string& label, std::uint64_t received, std::uint64_t total,
                          std::chrono::milliseconds elapsed);

} // namespace devk8s::core::install
