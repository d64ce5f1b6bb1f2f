// A KubeApi that replays scripted answers and records every request, for tests of what reads or
// changes the cluster without a server: paging, Status errors, a doctor's snapshot, a plan's
// Kubernetes steps and waits. Answers come by "METHOD path" (the path with its query, as sent),
// else by "METHOD path" without the query (list() adds ?limit=…&labelSelector=…), else from a
// queue in order; a request with none fails as an unreachable server does.
#pragma once

#include "ports/kube_api.hpp"

#include <deque>
#include <functional>
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

  using Answer = util::Result<ports::KubeAnswer>;

  /// Answers for successive requests of `method` to `path`; the last one repeats. A `path`
  /// without a query also answers requests to it with any query.
  void script(const std::string& method, const std::string& path, const std::vector<ports::KubeAnswer>& answers)
  {
    script_results(method, path, std::vector<Answer>(answers.begin(), answers.end()));
  }
  /// The same, where some answers are errors (a refused connection, a timeout).
  void script_results(const std::string& method, const std::string& path, std::vector<Answer> answers)
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_scripts[method + " " + path] = std::deque<Answer>(answers.begin(), answers.end());
  }
  /// A list's answer: {"kind":"List","items":[…]}, status 200.
  static ports::KubeAnswer items(std::vector<nlohmann::json> objects)
  {
    return ports::KubeAnswer{200, nlohmann::json{{"kind", "List"}, {"items", std::move(objects)}}};
  }
  /// Called with each request before it is answered (outside the lock): where a test presses Ctrl-C.
  void on_request(std::function<void(const Request&)> hook) { m_hook = std::move(hook); }
  /// Answers for requests no script matches, one each, in order; none repeats.
  void queue(std::vector<ports::KubeAnswer> answers)
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_queue.insert(m_queue.end(), answers.begin(), answers.end());
  }

  /// Scripted as "GET path" like request()'s answers; a 2xx answer's `text` is the text.
  util::Result<ports::KubeAnswer> request_text(const std::string& path) override { return request("GET", path); }

  util::Result<ports::KubeAnswer> request(const std::string& method, const std::string& path,
                                          const std::string& body = {}) override
  {
    if (m_hook) {
      m_hook(Request{method, path, body});
    }
    // A snapshot may list in parallel, as the real client's callers may.
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back({method, path, body});
    for (const auto& key : {method + " " + path, method + " " + path.substr(0, path.find('?'))}) {
      if (const auto it = m_scripts.find(key); it != m_scripts.end() && !it->second.empty()) {
        auto answer = it->second.front();
        if (it->second.size() > 1) {
          it->second.pop_front();
        }
        return answer;
      }
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
  std::map<std::string, std::deque<Answer>> m_scripts;
  std::function<void(const Request&)> m_hook;
  std::deque<ports::KubeAnswer> m_queue;
  std::vector<Request> m_requests;
  mutable std::mutex m_mutex;
};

} // namespace devk8s::test
