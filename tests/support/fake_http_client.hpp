// An HttpClient that records every request and replays scripted responses by URL, for tests
// that must not open a socket. download() is the port's buffering default, so a scripted body
// reaches the sink in one chunk.
#pragma once

#include "ports/http_client.hpp"

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace devk8s::test {

class FakeHttpClient final : public ports::HttpClient {
public:
  /// Responses for `url`, one a request in order; the last one repeats.
  void script(const std::string& url, std::vector<ports::HttpResponse> responses)
  {
    m_scripts[url] = std::deque<ports::HttpResponse>(responses.begin(), responses.end());
  }
  /// A 200 with `body`.
  static ports::HttpResponse ok(std::string body) { return answer(200, std::move(body)); }
  /// An HTTP answer with this status and body.
  static ports::HttpResponse answer(long status, std::string body)
  {
    ports::HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
  }
  /// No HTTP answer: the connection was refused.
  static ports::HttpResponse refused()
  {
    ports::HttpResponse response;
    response.transport = ports::Transport::connect;
    response.transport_message = "Connection refused";
    return response;
  }

  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    std::vector<ports::HttpResponse> responses;
    m_batches.emplace_back();
    for (const auto& request : requests) {
      m_requests.push_back(request);
      m_batches.back().push_back(request.url);
      auto it = m_scripts.find(request.url);
      if (it == m_scripts.end() || it->second.empty()) {
        ports::HttpResponse refused;
        refused.transport = ports::Transport::connect;
        refused.transport_message = "fake: no script for " + request.url;
        responses.push_back(refused);
        continue;
      }
      responses.push_back(it->second.front());
      if (it->second.size() > 1) {
        it->second.pop_front();
      }
    }
    return responses;
  }

  const std::vector<ports::HttpRequest>& requests() const { return m_requests; }
  /// The URLs of each perform_all call, one call a row: which requests went out together.
  const std::vector<std::vector<std::string>>& batches() const { return m_batches; }

private:
  std::map<std::string, std::deque<ports::HttpResponse>> m_scripts;
  std::vector<ports::HttpRequest> m_requests;
  std::vector<std::vector<std::string>> m_batches;
};

} // namespace devk8s::test
