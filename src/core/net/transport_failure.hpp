// Words for a request that got no HTTP answer: libcurl's code, OpenSSL's verify result and
// curl's error buffer turned into what happened and what to do, naming the configured limit
// or the file involved. Pure (curl's codes as numbers); the registry client and the Kubernetes
// API client each say which flag or kubeconfig field stands behind the TLS settings.
#pragma once

#include <chrono>
#include <string>

namespace devk8s::core::net {

/// How a request failed below HTTP, as the HTTP adapter saw it.
struct TransportFailure {
  int curl_code = 0;          ///< libcurl's CURLcode; 0 when the failure is not curl's (a deadline, an abort)
  long tls_verify_result = 0; ///< CURLINFO_SSL_VERIFYRESULT: OpenSSL's X509_V_ERR_*, 0 for none
  std::string detail;         ///< curl's error buffer: names the host, the file or OpenSSL's reason
  std::string message;        ///< curl_easy_strerror, or the adapter's own words
};

/// What the words may name.
struct TransportContext {
  std::string peer = "the server";  ///< "the registry", "the Kubernetes API server"
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds connect_timeout{0};
  std::string timeout_flag;         ///< "--timeout", "" when no flag sets it
  std::string trust;                ///< for an unknown CA: "use --ca-file", "certificate-authority FILE"
  std::string ca_file;              ///< for an unreadable CA bundle: "--ca-file FILE", "certificate-authority FILE"
  std::string client_certificate;   ///< "client-certificate FILE (kubeconfig …)", "" when none
  std::string client_key;           ///< "client-key FILE (kubeconfig …)", "" when none
  std::string plain_http;           ///< what to do when the server speaks plain HTTP: "--insecure-registry HOST"
  bool go_words = false;            ///< lead TLS causes with Go's "x509: …", as kubectl prints them
};

/// One line: "the registry's certificate is not signed by a trusted CA (use --ca-file)", "no
/// answer within the 10s timeout (--timeout)". Falls back to curl's own words for codes it
/// does not know, and to `message` when `curl_code` is 0.
std::string describe(const TransportFailure& failure, const TransportContext& context);

/// "500ms", "5s", "1.5s", "2m", "1m30s", "1h": how a duration reads in a message.
std::string format_duration(std::chrono::milliseconds duration);

} // namespace devk8s::core::net
