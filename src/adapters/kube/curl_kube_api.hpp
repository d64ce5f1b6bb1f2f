// The Kubernetes API over the HttpClient port: TLS to the cluster's CA, the user's client
// certificate, token or basic credentials, JSON in and out. Credentials go into headers and
// TLS options only, never into messages.
#pragma once

#include "adapters/http/retrying_http.hpp"
#include "core/registry/retry_policy.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/kube_api.hpp"
#include "core/net/transport_failure.hpp"

#include <chrono>

namespace devk8s::adapters {

struct KubeApiOptions {
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds connect_timeout{10000};
  std::size_t max_body = 256u << 20; ///< a list of 10,000 pods is about 60 MB of JSON
  /// GET and HEAD only, all attempts within request_timeout: a refused connection (an API
  /// server restarting), 429 (API Priority and Fairness) and 5xx are asked again. Anything
  /// that changes the cluster is sent once: it may have been applied before the answer was lost.
  core::registry::RetryPolicy retry;
  RetryClock retry_clock;
};

class CurlKubeApi final : public ports::KubeApi {
public:
  CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, std::string token, KubeApiOptions options);

  util::Result<ports::KubeAnswer> request(const std::string& method, const std::string& path,
                                          const std::string& body) override;
  /// The first page of every list goes out in one batch, then the next page of each list that
  /// has one, round by round; each round's GETs are retried as request()'s are, all within
  /// `deadline`. A round waits for its slowest list: fine for the few lists of a snapshot.
  std::vector<ports::KubeListOutcome> list_all(const std::vector<std::string>& paths,
                                               std::chrono::steady_clock::time_point deadline,
                                               const ports::KubeListOptions& options = {}) override;
  /// For messages: the server without any user:password@ a kubeconfig may carry in it.
  const std::string& server() const override { return m_display_server; }

private:
  ports::HttpRequest request_for(const std::string& method, const std::string& path, const std::string& body) const;
  /// The response as a KubeAnswer, or the words for why none arrived.
  util::Result<ports::KubeAnswer> answer_of(const ports::HttpResponse& response, const std::string& path) const;

  ports::HttpClient& m_http;
  core::kube::ClusterAccess m_access;
  std::string m_display_server;
  ports::HttpRequest m_template; ///< the cluster's URL, TLS and credentials: built once
  core::net::TransportContext m_words; ///< the kubeconfig fields behind TLS, for failures
  core::registry::RetryPolicy m_retry;
  RetryClock m_clock;
};

class CurlKubeConnector final : public ports::KubeConnector {
public:
  CurlKubeConnector(ports::HttpClient& http, ports::FileSystem& fs, KubeApiOptions options = {})
    : m_http(http), m_fs(fs), m_options(options)
  {
  }
  util::Result<std::unique_ptr<ports::KubeApi>> connect(const core::kube::ClusterAccess& access) override;

private:
  ports::HttpClient& m_http;
  ports::FileSystem& m_fs;
  KubeApiOptions m_options;
};

} // namespace devk8s::adapters
