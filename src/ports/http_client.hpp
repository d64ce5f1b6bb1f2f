// HTTP requests, one at a time or many at once, and downloads streamed to a sink. Implemented
// on libcurl by adapters/http/curl_http_client; the registry client, the Docker Engine probe,
// the Kubernetes API client and `devk8s install` all go through it. Retries, resume and auth
// belong to the callers.
#pragma once

#include "core/net/transport_failure.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace devk8s::ports {

struct HttpRequest {
  std::string method = "GET"; ///< GET, HEAD, POST, PUT, PATCH, DELETE
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};         ///< the whole request
  std::chrono::milliseconds connect_timeout{10000};
  std::string unix_socket;                          ///< talk HTTP over this socket (Docker's API)
  std::string ca_file;                              ///< extra CA bundle; the system CAs otherwise
  std::string client_cert;                          ///< PEM files for mutual TLS (the Kubernetes API)
  std::string client_key;
  /// The same as PEM text, for kubeconfig's *-data fields (never written to disk); each wins over
  /// its file when set.
  std::string ca_pem;
  std::string client_cert_pem;
  std::string client_key_pem;
  bool insecure = false;                            ///< skip TLS verification: only when the user asks
  /// The name TLS verifies the server's certificate against and sends as SNI, instead of the
  /// URL's host, which is still where the connection goes (a kubeconfig's tls-server-name).
  std::string tls_server_name;
  /// Every request through this proxy (http://, https://, socks5://; an https proxy is verified
  /// with ca_file/ca_pem too, as Go's transport does), whatever HTTPS_PROXY and NO_PROXY say
  /// (a kubeconfig's proxy-url). Empty: the environment's proxy, as curl reads it.
  std::string proxy;
  bool follow_redirects = false;
  int max_redirects = 5;
  std::size_t max_body = 8u << 20;                  ///< larger bodies fail with too_large
  std::size_t max_header = 64u << 10;
  /// download(): fail with Transport::timeout when no body byte arrives for this long; 0 = never.
  std::chrono::milliseconds stall_timeout{0};
};

enum class Transport {
  ok,          ///< an HTTP response arrived (whatever its status)
  dns,         ///< the host name did not resolve
  connect,     ///< refused, unreachable, reset
  tls,         ///< handshake or certificate verification failed
  timeout,     ///< connect or total timeout
  too_large,   ///< body or headers over the limit
  redirects,   ///< too many redirects
  protocol,    ///< malformed HTTP
  other,
};

const char* to_string(Transport transport);

struct HttpResponse {
  Transport transport = Transport::ok;
  std::string transport_message;  ///< curl's words when transport != ok
  long status = 0;
  std::string http_version;       ///< "1.1", "2"
  /// Header names lower-cased (HTTP/2 sends them so; HTTP/1.1 is normalized to match).
  /// Only the final response's headers after redirects.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string effective_url;
  std::chrono::microseconds elapsed{0};
  int transport_code = 0;          ///< libcurl's CURLcode when transport != ok; 0 for the caller's own failures
  long tls_verify_result = 0;      ///< OpenSSL's X509_V_ERR_* for a failed verification, else 0
  std::string transport_detail;    ///< curl's error buffer: the host, file or OpenSSL reason

  bool ok() const { return transport == Transport::ok; }
  /// The failure as core::net::describe() reads it.
  core::net::TransportFailure failure() const
  {
    return {transport_code, tls_verify_result, transport_detail, transport_message};
  }
  /// The first header of that (case-insensitive) name.
  std::optional<std::string> header(std::string_view name) const;
};

/// Where download() puts a body too large to hold in memory (a 60-100 MB release binary).
class DownloadSink {
public:
  virtual ~DownloadSink() = default;
  /// Called once with the final response's status and headers (no body), before any write().
  /// Returning false aborts the transfer.
  virtual bool begin(const HttpResponse& head) = 0;
  /// A chunk of a 2xx body, in order. Returning false aborts the transfer.
  virtual bool write(std::string_view chunk) = 0;
  /// Body bytes received so far by this response and the total it announced (0 when unknown),
  /// at least once a second while the transfer runs. Returning false aborts the transfer.
  virtual bool progress(std::uint64_t received, std::uint64_t total) = 0;
};

/// Threads: one HttpClient serves one call at a time. Calls (perform_all, perform, download) may
/// come from any thread but must not overlap: CurlHttpClient drives a single libcurl multi handle
/// and a share handle (DNS cache, TLS sessions) without locks, and libcurl forbids using either
/// from two threads at once. Concurrency comes from inside one call: perform_all runs its whole
/// batch at once. Code that must issue requests from several threads gives each thread its own
/// client (constructing clients concurrently is safe: curl_global_init runs once) or serializes
/// the calls. A DownloadSink is called back on the thread that called download(), before it returns.
class HttpClient {
public:
  virtual ~HttpClient() = default;
  /// Performs every request, concurrently, reusing connections; results in request order.
  /// Never throws and never waits past the requests' own timeouts.
  virtual std::vector<HttpResponse> perform_all(const std::vector<HttpRequest>& requests) = 0;

  HttpResponse perform(const HttpRequest& request) { return perform_all({request}).front(); }

  /// Receives the response of a chain's request (the chain is the index of its first request)
  /// and returns the chain's next request, or nothing when the chain is done.
  using ChainStep = std::function<std::optional<HttpRequest>(std::size_t chain, HttpResponse&& response)>;
  /// Chains of dependent requests, run side by side: each of `first` starts at once; each
  /// response goes to `next` (on the calling thread) as soon as it is complete, and the request
  /// `next` returns starts at once, while the other chains' transfers go on: a paged list asks
  /// for its next page without waiting for the others' pages. Ends when no chain has a request
  /// in flight. Once cancelled, every request still to run is answered "interrupted" unsent.
  /// This default runs the chains in rounds through perform_all, for test doubles.
  virtual void perform_chained(std::vector<HttpRequest> first, const ChainStep& next);

  /// Streams a 2xx body to `sink` instead of buffering it (max_body does not apply); any other
  /// status keeps up to max_body of its body in the response, for the error message. A Range
  /// header in the request is sent as given: the caller reads 206 or 200 from begin().
  /// An aborted transfer ends with Transport::other and "aborted". This default buffers through
  /// perform(), for test doubles; the curl adapter streams.
  virtual HttpResponse download(const HttpRequest& request, DownloadSink& sink);
};

} // namespace devk8s::ports
