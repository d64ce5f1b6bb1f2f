// When to try a registry request again, and how long to wait first: exponential backoff with
// full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"), Retry-After honoured
// (RFC 9110 §10.2.3) but capped, and always a bounded number of attempts. Pure: the random
// number and the time left are passed in.
#pragma once

#include "core/registry/outcome.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace devk8s::core::registry {

struct RetryPolicy {
  int max_attempts = 3;                              ///< including the first
  std::chrono::milliseconds base{200};               ///< the first backoff's upper bound
  std::chrono::milliseconds cap{5000};               ///< no single wait is longer
  std::chrono::milliseconds retry_after_cap{10000};  ///< a longer Retry-After is not waited for
};

/// Worth retrying: connect errors (refused, reset), 429, and 5xx. Not DNS (it will not
/// change in a second), TLS, timeouts (they already cost their full budget), or 4xx.
bool is_retryable(const Answer& answer);

/// Parses Retry-After: delay-seconds, or nullopt (HTTP-dates are not honoured: a clock is
/// needed to read them, and registries send seconds).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

/// The wait before attempt `attempt + 1` (attempt counts from 1), or nullopt to stop:
/// attempts exhausted, Retry-After beyond its cap, or the wait would not fit in `time_left`.
/// `jitter` is a uniform random number in [0, 1).
std::optional<std::chrono::milliseconds> next_delay(const RetryPolicy& policy, int attempt,
                                                    std::optional<std::chrono::milliseconds> retry_after,
                                                    double jitter, std::chrono::milliseconds time_left);

} // namespace devk8s::core::registry
