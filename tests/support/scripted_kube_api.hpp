// A KubeApi that replays scripted answers and records every request, for tests of what reads or
// changes the cluster without a server: paging, Status errors, a doctor's snapshot, a plan's
// Kubernetes steps. Answers come by "METHOD path" (the path with its query, as sent), else from
// a queue in order; a request with neither fails as an unreachable server does.
#pragma once

#include "ports/kube_api.hpp"

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace devk8s::test {

class ScriptedKubeApi final : public ports::KubeApi {
public:
  struct Request {
    std::string method;
    std::string path;
    std::string body;
  };

  explicit ScriptedKubeApi(std::string server = "https://k:8443") : m_server(std::move(server)) {}

  /// Answers for successive requests of `method` to exactly `path`; the last one repeats.
  void script(const std::string& method, const std::string& path, std::vector<ports::KubeAnswer> answers)
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_scripts[method + " " + path] = std::deque<ports::KubeAnswer>(answers.begin(), answers.end());
  }
  /// Answers for requests no script matches, one each, in order; none repeats.
  void queue(std::vector<ports::KubeAnswer> answers)
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_queue.insert(m_queue.end(), answers.begin(), answers.end());
  }

  util::Result<ports::KubeAnswer> request(const std::string& method, const std::string& path,
                                          const std::string& body = {}) override
  {
    // A snapshot may list in parallel, as the real client's callers may.
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back({method, path, body});
    if (const auto it = m_scripts.find(method + " " + path); it != m_scripts.end() && !it->second.empty()) {
      auto answer = it->second.front();
      if (it->second.size() > 1) {
        it->second.pop_front();
      }
      return answer;
    }
    if (!m_queue.empty()) {
      auto answer = m_queue.front();
      m_queue.pop_front();
      return answer;
    }
    return util::failure("the Kubernetes API at " + m_server + " did not answer: scripted: nothing for " + method + " " +
                         path);
  }

  const std::string& server() const override { return m_server; }

  std::vector<Request> requests() const
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
  }
  /// "GET /api/v1/pods?limit=500", one a request, in order.
  std::vector<std::string> paths() const
  {
    std::vector<std::string> out;
    for (const auto& r : requests()) {
      out.push_back(r.method + " " + r.path);
    }
    return out;
  }

private:
  std::string m_server;
  std::map<std::string, std::deque<ports::KubeAnswer>> m_scripts;
  std::deque<ports::KubeAnswer> m_queue;
  std::vector<Request> m_requests;
  mutable std::mutex m_mutex;
};

} // namespace devk8s::test
