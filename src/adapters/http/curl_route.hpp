// Where a libcurl transfer goes and through what: a kubeconfig's tls-server-name (the URL names
// the TLS name, CURLOPT_CONNECT_TO the real host and port) and proxy-url (CURLOPT_PROXY instead
// of the environment's). For curl_http_client only.
#pragma once

#include "ports/http_client.hpp"

#include <curl/curl.h>

#include <string>

namespace devk8s::adapters {

struct CurlRoute {
  std::string url;        ///< the URL curl is given
  std::string connect_to; ///< a CURLOPT_CONNECT_TO entry "NAME:PORT:HOST:PORT", or ""
  std::string host;       ///< a Host header to send (the real server's), or ""
};

/// The request's URL, or with tls_server_name in place of its host (https only).
CurlRoute route_for(const ports::HttpRequest& request);

/// CURLOPT_PROXY and the proxy's TLS settings when the request names a proxy; nothing otherwise.
void set_proxy(CURL* easy, const ports::HttpRequest& request);

} // namespace devk8s::adapters
