#include "core/registry/retry_policy.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <charconv>

namespace devk8s::core::registry {

bool is_retryable(const Answer& answer)
{
  if (answer.link != Link::ok) {
    return answer.link == Link::connect;
  }
  return answer.status == 429 || (answer.status >= 500 && answer.status <= 599);
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value)
{
  value = util::trim(value);
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || seconds < 0 || seconds > 86400) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(seconds * 1000);
}

std::optional<std::chrono::milliseconds> next_delay(const RetryPolicy& policy, int attempt,
                                                    std::optional<std::chrono::milliseconds> retry_after,
                                                    double jitter, std::chrono::milliseconds time_left)
{
  if (attempt >= policy.max_attempts) {
    return std::nullopt;
  }
  std::chrono::milliseconds delay{0};
  if (retry_after) {
    if (*retry_after > policy.retry_after_cap) {
      return std::nullopt;
    }
    delay = *retry_after;
  } else {
    // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))).
    const int shift = std::clamp(attempt - 1, 0, 20);
    const auto ceiling = std::min(policy.cap.count(), policy.base.count() << shift);
    const double j = std::clamp(jitter, 0.0, 1.0);
    delay = std::chrono::milliseconds(static_cast<long long>(static_cast<double>(ceiling) * j));
  }
  if (delay >= time_left) {
    return std::nullopt;
  }
  return delay;
}

} // namespace devk8s::core::registry
