// The Kubernetes API over the HttpClient port: TLS to the cluster's CA (and tls-server-name),
// its proxy-url, the user's client certificate, token, basic credentials or exec plugin, JSON in
// and out. Credentials go into headers and TLS options only, never into messages.
#pragma once

#include "adapters/http/retrying_http.hpp"
#include "adapters/kube/exec_credentials.hpp"
#include "core/registry/retry_policy.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/process_runner.hpp"
#include "ports/kube_api.hpp"
#include "core/net/transport_failure.hpp"

#include <chrono>
#include <functional>
#include <optional>

namespace devk8s::ports {
class KubeListPager;
}

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
  ExecOptions exec; ///< exec credential plugins: their cache and timeout
};

/// What authenticates requests besides the kubeconfig's certificate files: a bearer token (token,
/// tokenFile or a plugin's) or a plugin's client certificate and key (PEM). Secret.
struct KubeCredentials {
  std::string token;
  std::string client_certificate_pem;
  std::string client_key_pem;
};

/// New credentials after the server refused the current ones (401): an exec plugin run again.
using CredentialRefresh = std::function<util::Result<KubeCredentials>()>;

class CurlKubeApi final : public ports::KubeApi {
public:
  CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, std::string token, KubeApiOptions options);
  /// With `refresh`, a 401 gets new credentials once and the refused requests are sent again, as
  /// client-go's exec authenticator does (a cached token revoked before its expiry).
  CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, KubeCredentials credentials,
              KubeApiOptions options, CredentialRefresh refresh = {});

  util::Result<ports::KubeAnswer> request(const std::string& method, const std::string& path,
                                          const std::string& body) override;
  util::Result<ports::KubeAnswer> request_text(const std::string& path) override;
  /// The first page of every list goes out at once; each list's next page goes out as soon as its
  /// page is read (HttpClient::perform_chained), retried as request()'s GETs are, all within
  /// `deadline`. A page of a list with a sink is parsed item by item into it, and its body is
  /// freed once read. After a 401 the credentials are refreshed once and every list refused
  /// with the old ones asks again.
  std::vector<ports::KubeListOutcome> list_each(const std::vector<ports::KubeListRequest>& lists,
                                                std::chrono::steady_clock::time_point deadline,
                                                const ports::KubeListOptions& options = {}) override;
  /// For messages: the server without any user:password@ a kubeconfig may carry in it.
  const std::string& server() const override { return m_display_server; }
  core::kube::ApiSubject subject() const override;

private:
  void use(const KubeCredentials& credentials);
  /// After a 401: new credentials, once per client; false when there is no way to get them, with
  /// the reason in m_refresh_error when getting them failed.
  bool refreshed();
  /// One request (GETs retried as the policy says), sent again once with refreshed credentials
  /// after a 401; `accept` replaces the Accept header when given.
  util::Result<ports::HttpResponse> send(const std::string& method, const std::string& path, const std::string& body,
                                         const std::string& accept);
  ports::HttpRequest request_for(const std::string& method, const std::string& path, const std::string& body) const;
  /// The response as a KubeAnswer, or the words for why none arrived.
  /// With `items`, a 2xx list's items go to it one by one as they are parsed (util::parse_json_list).
  util::Result<ports::KubeAnswer> answer_of(const ports::HttpResponse& response, const std::string& path,
                                            ports::KubeListPager* items = nullptr) const;
  /// One line for a request that got no HTTP answer: refused, TLS, a timeout, a body cut off.
  util::Error transport_error(const ports::HttpResponse& response, const std::string& path) const;

  ports::HttpClient& m_http;
  core::kube::ClusterAccess m_access;
  std::string m_display_server;
  ports::HttpRequest m_template; ///< the cluster's URL, TLS and credentials: built once
  core::net::TransportContext m_words; ///< the kubeconfig fields behind TLS, for failures
  core::registry::RetryPolicy m_retry;
  RetryClock m_clock;
  CredentialRefresh m_refresh;
  bool m_refresh_tried = false;
  std::optional<util::Error> m_refresh_error;
  int m_generation = 0; ///< bumped by use(): which credentials a request went out with
};

class CurlKubeConnector final : public ports::KubeConnector {
public:
  /// `runner` runs exec credential plugins; without one, a user with `exec` cannot connect.
  CurlKubeConnector(ports::HttpClient& http, ports::FileSystem& fs, KubeApiOptions options = {},
                    ports::ProcessRunner* runner = nullptr)
    : m_http(http), m_fs(fs), m_options(std::move(options)), m_runner(runner)
  {
  }
  CurlKubeConnector(ports::HttpClient& http, ports::FileSystem& fs, ports::ProcessRunner& runner,
                    KubeApiOptions options = {})
    : CurlKubeConnector(http, fs, std::move(options), &runner)
  {
  }
  /// Runs the user's exec plugin, when it has one (or takes its cached credential): this is the
  /// moment a command talks to the cluster.
  util::Result<std::unique_ptr<ports::KubeApi>> connect(const core::kube::ClusterAccess& access) override;

private:
  ports::HttpClient& m_http;
  ports::FileSystem& m_fs;
  KubeApiOptions m_options;
  ports::ProcessRunner* m_runner;
};

} // namespace devk8s::adapters
