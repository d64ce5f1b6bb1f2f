#include "core/install/progress_text.hpp"

#include <cstdio>

namespace devk8s::core::install {

std::string format_bytes(std::uint64_t bytes)
{
  static const char* const k_units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) {
    return std::to_string(bytes) + " B";
  }
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(k_units)) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %s", value, k_units[unit]);
  return buffer;
}

std::string format_rate(std::uint64_t bytes, std::chrono::milliseconds elapsed)
{
  if (elapsed.count() <= 0) {
    return "-";
  }
  const auto per_second = static_cast<std::uint64_t>(static_cast<double>(bytes) * 1000.0 / static_cast<double>(elapsed.count()));
  return format_bytes(per_second) + "/s";
}

std::string progress_line(const std::string& label, std::uint64_t received, std::uint64_t total,
                          std::chrono::milliseconds elapsed)
{
  std::string line = label + ": " + format_bytes(received);
  if (total > 0) {
    line += " / " + format_bytes(total) + "  " + std::to_string(received * 100 / total) + "%";
  }
  line += "  " + format_rate(received, elapsed);
  if (total > received && received > 0 && elapsed.count() > 0) {
    const double seconds_left = static_cast<double>(total - received) * static_cast<double>(elapsed.count()) /
                                static_cast<double>(received) / 1000.0;
    const auto s = static_cast<long long>(seconds_left + 0.5);
    line += "  ETA " + (s >= 60 ? std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s" : std::to_string(s) + "s");
  }
  return line;
}

} // namespace devk8s::core::install
