#include "adapters/http/retrying_http.hpp"

#include <algorithm>
#include <optional>
#include <memory>
#include <random>
#include <thread>

namespace devk8s::adapters {

namespace {

using namespace std::chrono;

core::registry::Link to_link(ports::Transport t)
{
  using core::registry::Link;
  switch (t) {
  case ports::Transport::ok:
    return Link::ok;
  case ports::Transport::dns:
    return Link::dns;
  case ports::Transport::connect:
    return Link::connect;
  case ports::Transport::tls:
    return Link::tls;
  case ports::Transport::timeout:
    return Link::timeout;
  case ports::Transport::too_large:
    return Link::too_large;
  case ports::Transport::redirects:
    return Link::redirects;
  case ports::Transport::protocol:
    return Link::protocol;
  case ports::Transport::other:
    return Link::other;
  }
  return Link::other;
}

void fill_defaults(RetryClock& clock)
{
  if (clock.cancel == nullptr) {
    clock.cancel = &util::process_cancel_token();
  }
  if (!clock.sleep) {
    clock.sleep = [token = clock.cancel](milliseconds d) { token->sleep_for(d); };
  }
  if (!clock.jitter) {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    clock.jitter = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
  }
}

// The retry decision reads the link and the status only: a page's body is not copied for it.
bool retryable(const ports::HttpResponse& response)
{
  core::registry::Answer answer;
  answer.link = to_link(response.transport);
  answer.status = response.status;
  return core::registry::is_retryable(answer);
}

// The request with its timeouts cut to the time left, or nothing when none is left.
std::optional<ports::HttpRequest> bounded(ports::HttpRequest r, steady_clock::time_point deadline, RetryClock& clock)
{
  const auto left = duration_cast<milliseconds>(deadline - clock.now());
  if (left <= milliseconds(0)) {
    return std::nullopt;
  }
  r.timeout = std::min(r.timeout, left);
  r.connect_timeout = std::min(r.connect_timeout, r.timeout);
  return r;
}

ports::HttpResponse deadline_exceeded()
{
  ports::HttpResponse response;
  response.transport = ports::Transport::timeout;
  response.transport_message = "deadline exceeded before the request could be sent";
  return response;
}

} // namespace

core::registry::Answer to_answer(const ports::HttpResponse& r)
{
  core::registry::Answer a;
  a.link = to_link(r.transport);
  a.link_message = r.transport_message;
  a.status = r.status;
  a.digest = r.header("docker-content-digest").value_or("");
  a.content_type = r.header("content-type").value_or("");
  a.body = r.body;
  a.www_authenticate = r.header("www-authenticate").value_or("");
  return a;
}

std::vector<Attempted> perform_with_retries(ports::HttpClient& http, std::vector<ports::HttpRequest> requests,
                                            const core::registry::RetryPolicy& policy, steady_clock::time_point deadline,
                                            RetryClock& clock)
{
  fill_defaults(clock);
  std::vector<Attempted> results(requests.size());
  std::vector<std::size_t> pending(requests.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    pending[i] = i;
  }
  while (!pending.empty()) {
    const auto left = duration_cast<milliseconds>(deadline - clock.now());
    std::vector<ports::HttpRequest> batch;
    std::vector<std::size_t> sent;
    for (const std::size_t i : pending) {
      if (left <= milliseconds(0)) {
        results[i].response.transport = ports::Transport::timeout;
        results[i].response.transport_message = "deadline exceeded before the request could be sent";
        results[i].response.status = 0;
        continue;
      }
      ports::HttpRequest r = requests[i];
      r.timeout = std::min(r.timeout, left);
      r.connect_timeout = std::min(r.connect_timeout, r.timeout);
      batch.push_back(std::move(r));
      sent.push_back(i);
    }
    pending.clear();
    if (batch.empty()) {
      break;
    }
    auto responses = http.perform_all(batch);
    milliseconds wait{0};
    const auto time_left = duration_cast<milliseconds>(deadline - clock.now());
    for (std::size_t k = 0; k < sent.size(); ++k) {
      Attempted& result = results[sent[k]];
      result.response = std::move(responses[k]);
      ++result.attempts;
      if (!retryable(result.response)) {
        continue;
      }
      std::optional<milliseconds> retry_after;
      if (const auto h = result.response.header("retry-after")) {
        retry_after = core::registry::parse_retry_after(*h);
      }
      if (const auto delay = core::registry::next_delay(policy, result.attempts, retry_after, clock.jitter(), time_left)) {
        wait = std::max(wait, *delay); // one shared pause per round: the batch goes out together
        pending.push_back(sent[k]);
      }
    }
    if (clock.cancel->cancelled()) {
      break; // the client answered "interrupted"; a retry would only delay the exit
    }
    if (!pending.empty() && wait > milliseconds(0)) {
      clock.sleep(wait);
    }
  }
  return results;
}

void perform_chained_with_retries(ports::HttpClient& http, std::vector<ports::HttpRequest> first,
                                  const core::registry::RetryPolicy& policy, steady_clock::time_point deadline,
                                  RetryClock& clock, const ports::HttpClient::ChainStep& next)
{
  fill_defaults(clock);
  std::vector<ports::HttpRequest> current(first.size()); // each chain's request as asked, before bounding
  std::vector<int> attempts(first.size(), 0);
  // The chain's next request, bounded, after answering "deadline exceeded" to `next` for as
  // long as it asks for requests that no longer have time.
  const auto launch = [&](std::size_t chain, std::optional<ports::HttpRequest> request) -> std::optional<ports::HttpRequest> {
    while (request) {
      attempts[chain] = 0;
      current[chain] = std::move(*request);
      if (auto sent = bounded(current[chain], deadline, clock)) {
        return sent;
      }
      request = next(chain, deadline_exceeded());
    }
    return std::nullopt;
  };
  std::vector<ports::HttpRequest> starting;
  std::vector<std::size_t> starting_chains;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (auto sent = launch(i, std::move(first[i]))) {
      starting.push_back(std::move(*sent));
      starting_chains.push_back(i);
    }
  }
  // perform_chained numbers chains by their first request: map them back to ours.
  http.perform_chained(std::move(starting), [&](std::size_t k, ports::HttpResponse&& response) -> std::optional<ports::HttpRequest> {
    const std::size_t chain = starting_chains[k];
    ++attempts[chain];
    if (!clock.cancel->cancelled() && retryable(response)) {
      std::optional<milliseconds> retry_after;
      if (const auto h = response.header("retry-after")) {
        retry_after = core::registry::parse_retry_after(*h);
      }
      const auto time_left = duration_cast<milliseconds>(deadline - clock.now());
      if (const auto delay = core::registry::next_delay(policy, attempts[chain], retry_after, clock.jitter(), time_left)) {
        clock.sleep(*delay);
        if (auto again = bounded(current[chain], deadline, clock)) {
          return again;
        }
      }
    }
    return launch(chain, next(chain, std::move(response)));
  });
}

} // namespace devk8s::adapters
