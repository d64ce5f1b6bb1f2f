#include "adapters/http/curl_route.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <optional>

namespace devk8s::adapters {

namespace {

// "https://[user@]host[:port]/rest" split where a host goes; host keeps an IPv6 literal's brackets.
struct Authority {
  std::string before; ///< "https://user@"
  std::string host;
  std::string port;   ///< the URL's, else the scheme's default
  std::string after;  ///< "/api/v1/pods?limit=500"
  bool explicit_port = false;
};

std::optional<Authority> split_authority(const std::string& url)
{
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) {
    return std::nullopt;
  }
  Authority a;
  std::size_t start = scheme + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
  if (const auto at = url.rfind('@', end); at != std::string::npos && at >= start) {
    start = at + 1;
  }
  a.before = url.substr(0, start);
  a.after = url.substr(end);
  const std::string hostport = url.substr(start, end - start);
  const auto close = hostport.rfind(']');
  const auto colon = hostport.rfind(':');
  if (colon != std::string::npos && (close == std::string::npos || colon > close)) {
    a.host = hostport.substr(0, colon);
    a.port = hostport.substr(colon + 1);
    a.explicit_port = true;
  } else {
    a.host = hostport;
    a.port = util::to_lower(url.substr(0, scheme)) == "https" ? "443" : "80";
  }
  return a.host.empty() ? std::nullopt : std::optional<Authority>(a);
}

} // namespace

CurlRoute route_for(const ports::HttpRequest& r)
{
  // tls-server-name: the URL names the server name, so that curl verifies the certificate
  // against it and sends it as SNI (as Go's tls.Config.ServerName does), and CONNECT_TO sends
  // the connection to the real host and port. The Host header stays the real server's, as Go's
  // request keeps it. Through an HTTP proxy curl then tunnels (CONNECT) to the real host.
  CurlRoute route{r.url, {}, {}};
  const auto a = split_authority(r.url);
  if (r.tls_server_name.empty() || !a || util::to_lower(r.url.substr(0, 6)) != "https:") {
    return route;
  }
  route.url = a->before + r.tls_server_name + (a->explicit_port ? ":" + a->port : "") + a->after;
  route.connect_to = r.tls_server_name + ":" + a->port + ":" + a->host + ":" + a->port;
  const bool has_host = std::any_of(r.headers.begin(), r.headers.end(),
                                    [](const auto& h) { return util::to_lower(h.first) == "host"; });
  if (!has_host) {
    route.host = a->host + (a->explicit_port ? ":" + a->port : "");
  }
  return route;
}

void set_proxy(CURL* e, const ports::HttpRequest& r)
{
  if (r.proxy.empty()) {
    return;
  }
  // client-go's http.ProxyURL(proxy-url): this proxy for every request, NO_PROXY or not. Go's
  // SOCKS5 dialer hands the proxy the host name to resolve: curl's socks5h:// does the same.
  const std::string proxy = util::to_lower(r.proxy.substr(0, 9)) == "socks5://" ? "socks5h://" + r.proxy.substr(9) : r.proxy;
  curl_easy_setopt(e, CURLOPT_PROXY, proxy.c_str());
  curl_easy_setopt(e, CURLOPT_NOPROXY, "");
  // An https:// proxy is verified as the server is: Go's transport hands the proxy's TLS
  // handshake the same TLSClientConfig (RootCAs from the kubeconfig's CA).
  if (!r.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_PROXY_CAINFO, r.ca_file.c_str());
  }
  if (!r.ca_pem.empty()) {
    // curl copies a blob (CURL_BLOB_COPY), so the request may go before the transfer does.
    curl_blob b{const_cast<char*>(r.ca_pem.data()), r.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_PROXY_CAINFO_BLOB, &b);
  }
  curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYPEER, r.insecure ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYHOST, r.insecure ? 0L : 2L);
}

} // namespace devk8s::adapters
