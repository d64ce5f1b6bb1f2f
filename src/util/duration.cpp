#include "util/duration.hpp"

#include "util/strings.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace devk8s::util {

namespace {

constexpr double k_max_duration_ms = 8760.0 * 3600 * 1000;

} // namespace

Result<std::chrono::milliseconds> parse_duration(std::string_view text)
{
  const auto bad = [&](const std::string& why) {
    return usage_error("invalid duration " + util::quoted(text) + ": " + why);
  };
  if (text.empty()) {
    return bad("empty");
  }
  double total_ms = 0;
  std::size_t at = 0;
  bool bare = true;
  while (at < text.size()) {
    std::size_t end = at;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
      ++end;
    }
    if (end == at) {
      return bad("expected a number at position " + std::to_string(at));
    }
    const std::string number(text.substr(at, end - at));
    char* parsed_end = nullptr;
    const double value = std::strtod(number.c_str(), &parsed_end);
    if (parsed_end != number.c_str() + number.size()) {
      return bad("malformed number " + util::quoted(number));
    }
    std::size_t unit_end = end;
    while (unit_end < text.size() && text[unit_end] >= 'a' && text[unit_end] <= 'z') {
      ++unit_end;
    }
    const std::string_view unit = text.substr(end, unit_end - end);
    double scale = 0;
    if (unit.empty()) {
      if (!bare || unit_end != text.size()) {
        return bad("a number without a unit (ms, s, m, h)");
      }
      scale = 1000; // a bare number is seconds
    } else if (unit == "ms") {
      scale = 1;
    } else if (unit == "s") {
      scale = 1000;
    } else if (unit == "m") {
      scale = 60000;
    } else if (unit == "h") {
      scale = 3600000;
    } else {
      return bad("unknown unit " + util::quoted(unit) + " (ms, s, m, h)");
    }
    bare = false;
    total_ms += value * scale;
    at = unit_end;
  }
  // A year is longer than any wait devk8s does; more would overflow the nanosecond clocks that
  // deadlines are computed on (now + 3000000h is past 2^63 ns), and a deadline in the past ends
  // the wait at once (found by review: start --start-timeout 3000000h).
  if (!std::isfinite(total_ms) || total_ms > k_max_duration_ms) {
    return bad("too large: at most 8760h (a year)");
  }
  return std::chrono::milliseconds(static_cast<long long>(std::llround(total_ms)));
}

} // namespace devk8s::util
