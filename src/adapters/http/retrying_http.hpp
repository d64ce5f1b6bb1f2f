// Runs a batch of HTTP requests through the HttpClient port, retrying the retryable ones
// (core/registry/retry_policy.hpp: refused connections, 429, 5xx) in further batches, all within
// one deadline. Generic over HTTP: the registry client checks manifests with it, the Kubernetes
// API client sends its GETs through it. Callers pass only requests that are safe to repeat.
#pragma once

#include "core/registry/outcome.hpp"
#include "core/registry/retry_policy.hpp"
#include "ports/http_client.hpp"
#include "util/cancel.hpp"

#include <chrono>
#include <functional>
#include <vector>

namespace devk8s::adapters {

struct RetryClock {
  std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
  std::function<void(std::chrono::milliseconds)> sleep;  ///< default: the token's sleep_for, which Ctrl-C ends
  std::function<double()> jitter;                         ///< uniform in [0, 1); default: a seeded mt19937
  const util::CancelToken* cancel = nullptr;              ///< nullptr: util::process_cancel_token()
};

struct Attempted {
  ports::HttpResponse response;
  int attempts = 0;
};

/// Every request's final response and how many attempts it took. A request with no time
/// left gets Transport::timeout "deadline exceeded" without being sent. Once the token is
/// cancelled nothing is retried: the answers so far (the interrupted ones among them) are final.
std::vector<Attempted> perform_with_retries(ports::HttpClient& http, std::vector<ports::HttpRequest> requests,
                                            const core::registry::RetryPolicy& policy,
                                            std::chrono::steady_clock::time_point deadline, RetryClock& clock);

/// perform_with_retries for chains of dependent requests (HttpClient::perform_chained): each
/// chain's response goes to `next` once it is final (retried as perform_with_retries retries,
/// within `deadline`; the pause before a retry holds up only the caller, not the transfers in
/// flight), and `next` returns the chain's next request or nothing. A request with no time left
/// is answered Transport::timeout "deadline exceeded" without being sent.
void perform_chained_with_retries(ports::HttpClient& http, std::vector<ports::HttpRequest> first,
                                  const core::registry::RetryPolicy& policy,
                                  std::chrono::steady_clock::time_point deadline, RetryClock& clock,
                                  const ports::HttpClient::ChainStep& next);

/// The core's view of an HTTP response.
core::registry::Answer to_answer(const ports::HttpResponse& response);

} // namespace devk8s::adapters
