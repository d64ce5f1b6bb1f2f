// HttpClient on libcurl's multi interface: many transfers at once, a bounded number of
// connections per host, connections and TLS sessions reused across calls, HTTP/2 where the
// server offers it, proxies from the environment (HTTPS_PROXY, NO_PROXY) as curl reads them,
// and Ctrl-C (the cancellation token) ending every transfer at once.
#pragma once

#include "ports/http_client.hpp"
#include "util/cancel.hpp"

#include <memory>

namespace devk8s::adapters {

struct CurlOptions {
  long max_connections_per_host = 6;
  long max_total_connections = 32;
  std::string user_agent = "devk8s";
  /// Once set, transfers in progress are aborted and end with Transport::other, "interrupted";
  /// nullptr: util::process_cancel_token().
  const util::CancelToken* cancel = nullptr;
};

class CurlHttpClient final : public ports::HttpClient {
public:
  explicit CurlHttpClient(CurlOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override;
  /// On the same multi handle as perform_all: a chain's next request joins the transfers in
  /// flight the moment its previous response is complete.
  void perform_chained(std::vector<ports::HttpRequest> first, const ChainStep& next) override;
  /// One transfer on its own easy handle (sharing DNS and TLS sessions), body to the sink.
  ports::HttpResponse download(const ports::HttpRequest& request, ports::DownloadSink& sink) override;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace devk8s::adapters
