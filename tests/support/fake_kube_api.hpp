// A KubeApi that records every request and replays scripted answers, for executor tests that
// must not need a cluster. Answers are keyed by method and path without its query string (list()
// adds ?limit=…&labelSelector=…; the full path is recorded), in sequence: the last one repeats.
#pragma once

#include "ports/kube_api.hpp"

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace devk8s::test {

class FakeKubeApi final : public ports::KubeApi {
public:
  struct Call {
    std::string method;
    std::string path; ///< with its query string
    std::string body;
  };

  /// Successive answers to `method` on `path` (no query string); the last one repeats.
  void script(const std::string& method, const std::string& path, std::vector<util::Result<ports::KubeAnswer>> answers)
  {
    m_answers[{method, path}] = std::deque<util::Result<ports::KubeAnswer>>(answers.begin(), answers.end());
  }
  /// A list answer: {"items": [...]} with status 200.
  static ports::KubeAnswer items(std::vector<nlohmann::json> objects)
  {
    return ports::KubeAnswer{200, nlohmann::json{{"kind", "List"}, {"items", objects}}};
  }
  /// Called with each request before it is answered: where a test presses Ctrl-C.
  void on_request(std::function<void(const Call&)> hook) { m_hook = std::move(hook); }

  util::Result<ports::KubeAnswer> request(const std::string& method, const std::string& path,
                                          const std::string& body = {}) override
  {
    calls.push_back({method, path, body});
    if (m_hook) {
      m_hook(calls.back());
    }
    const auto it = m_answers.find({method, path.substr(0, path.find('?'))});
    if (it == m_answers.end() || it->second.empty()) {
      return ports::KubeAnswer{404, nlohmann::json{{"kind", "Status"}, {"code", 404}, {"reason", "NotFound"},
                                                   {"message", "fake: no answer for " + method + " " + path}}};
    }
    auto answer = it->second.front();
    if (it->second.size() > 1) {
      it->second.pop_front();
    }
    return answer;
  }

  const std::string& server() const override { return m_server; }

  std::vector<Call> calls;

private:
  std::map<std::pair<std::string, std::string>, std::deque<util::Result<ports::KubeAnswer>>> m_answers;
  std::function<void(const Call&)> m_hook;
  std::string m_server = "https://fake:8443";
};

} // namespace devk8s::test
