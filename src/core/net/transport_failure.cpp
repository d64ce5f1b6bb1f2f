#include "core/net/transport_failure.hpp"

#include "util/strings.hpp"

#include <string_view>

namespace devk8s::core::net {

namespace {

// libcurl's CURLcode values (include/curl/curl.h); stable across releases, they are its ABI.
// The tests compare them with curl's own constants.
enum CurlCode : int {
  k_resolve_proxy = 5,
  k_resolve_host = 6,
  k_connect = 7,
  k_timeout = 28,
  k_ssl_connect = 35,
  k_got_nothing = 52,
  k_send = 55,
  k_recv = 56,
  k_ssl_cert_problem = 58,
  k_peer_failed_verification = 60,
  k_ssl_cacert_badfile = 77,
};

// OpenSSL's X509_V_ERR_* (include/openssl/x509_vfy.h) that mean "no trusted CA signed it".
bool unknown_authority(long verify)
{
  return verify == 2 || verify == 18 || verify == 19 || verify == 20 || verify == 21;
}

bool contains(std::string_view text, std::string_view part)
{
  return text.find(part) != std::string_view::npos;
}

// The host name curl quotes in "… matches target host name 'x'".
std::string quoted_name(std::string_view detail)
{
  const auto close = detail.rfind('\'');
  if (close == std::string_view::npos || close == 0) {
    return {};
  }
  const auto open = detail.rfind('\'', close - 1);
  return open == std::string_view::npos ? std::string() : std::string(detail.substr(open + 1, close - open - 1));
}

std::string with_reason(std::string text, const std::string& reason)
{
  return reason.empty() ? text : text + " (" + reason + ")";
}

std::string certificate_not_verified(const TransportFailure& f, const TransportContext& c)
{
  const std::string whose = c.peer + "'s certificate";
  const std::string detail = util::to_lower(f.detail);
  if (unknown_authority(f.tls_verify_result) || contains(detail, "local issuer") || contains(detail, "self-signed") ||
      contains(detail, "self signed") || contains(detail, "unable to get issuer")) {
    const std::string words = with_reason(whose + " is not signed by a trusted CA", c.trust);
    return c.go_words ? "x509: certificate signed by unknown authority: " + words : words;
  }
  if (f.tls_verify_result == 9 || f.tls_verify_result == 10 || contains(detail, "expired") ||
      contains(detail, "not yet valid")) {
    const std::string words = whose + " has expired or is not yet valid (check this machine's clock)";
    return c.go_words ? "x509: certificate has expired or is not yet valid: " + words : words;
  }
  if (f.tls_verify_result == 62 || contains(detail, "target host name") || contains(detail, "does not match")) {
    const std::string name = quoted_name(f.detail);
    const std::string words = whose + " is not valid for " + (name.empty() ? "this host name" : util::quoted(name));
    return c.go_words ? "x509: certificate is not valid for " + (name.empty() ? "this host" : name) + ": " + words : words;
  }
  return whose + " cannot be verified: " + (f.detail.empty() ? f.message : f.detail);
}

// The client certificate or key curl could not load: which one (from its words), and the
// likely cause, so the message names the file and the kubeconfig field behind it.
std::string client_credentials(const TransportFailure& f, const TransportContext& c)
{
  const std::string detail = util::to_lower(f.detail);
  std::string which = contains(detail, "private key") || contains(detail, "key file") ? c.client_key
                      : contains(detail, "certificate")                              ? c.client_certificate
                                                                                     : std::string();
  if (which.empty()) {
    which = c.client_certificate.empty() && c.client_key.empty()
                ? "the client certificate or key"
                : util::join({c.client_certificate.empty() ? "the client certificate" : c.client_certificate,
                              c.client_key.empty() ? "the client key" : c.client_key},
                             " or ");
  }
  std::string cause = "not a PEM file, or the key does not match the certificate";
  if (contains(detail, "no such file")) {
    cause = "no such file";
  } else if (contains(detail, "permission denied")) {
    cause = "permission denied";
  }
  return "cannot use " + which + ": " + cause;
}

std::string timed_out(const TransportFailure& f, const TransportContext& c)
{
  const std::string detail = util::to_lower(f.detail);
  const bool connecting = contains(detail, "connection timed out") || contains(detail, "failed to connect") ||
                          contains(detail, "resolving timed out");
  if (connecting && c.connect_timeout.count() > 0) {
    return "no connection to " + c.peer + " within the " + format_duration(c.connect_timeout) + " connect timeout";
  }
  if (c.timeout.count() > 0) {
    return with_reason("no answer from " + c.peer + " within the " + format_duration(c.timeout) + " timeout",
                       c.timeout_flag);
  }
  return "no answer from " + c.peer + " in time";
}

// curl's "Failed to connect to H port P after N ms: Couldn't connect to server" hides the
// errno that says what to do; its error buffer keeps it ("Connection refused", …).
std::string connect_failed(const TransportFailure& f, const TransportContext& c)
{
  const std::string detail = util::to_lower(f.detail.empty() ? f.message : f.detail);
  if (contains(detail, "refused")) {
    return c.peer + " refused the connection: nothing listens on that port (is it running? is the port right?)";
  }
  if (contains(detail, "no route") || contains(detail, "unreachable")) {
    return "no route to " + c.peer + ": the network or a firewall is in the way";
  }
  if (contains(detail, "timed out")) {
    return timed_out(f, c);
  }
  return "cannot connect to " + c.peer + ": " + (f.detail.empty() ? f.message : f.detail);
}

} // namespace

std::string describe(const TransportFailure& f, const TransportContext& c)
{
  const std::string& curl_words = f.detail.empty() ? f.message : f.detail;
  switch (f.curl_code) {
  case 0:
    return f.message;
  case k_peer_failed_verification:
    return certificate_not_verified(f, c);
  case k_ssl_cert_problem:
    return client_credentials(f, c);
  case k_ssl_cacert_badfile:
    return "cannot read the CA certificates in " + (c.ca_file.empty() ? std::string("the CA file") : c.ca_file);
  case k_timeout:
    return timed_out(f, c);
  case k_ssl_connect: {
    const std::string detail = util::to_lower(f.detail);
    if (contains(detail, "wrong version number") || contains(detail, "packet length too long") ||
        contains(detail, "http request")) {
      return with_reason(c.peer + " does not speak TLS on that port: is it plain HTTP?", c.plain_http);
    }
    return "TLS handshake with " + c.peer + " failed: " + curl_words;
  }
  case k_resolve_host: {
    // curl: "Could not resolve host: NAME"; the name is what the user can check.
    const auto at = curl_words.rfind("host: ");
    const std::string name = at == std::string::npos ? std::string() : " " + util::quoted(curl_words.substr(at + 6));
    return "the host name" + name + " does not resolve (DNS): check the name, or this machine's DNS and proxy settings";
  }
  case k_resolve_proxy:
    return "the proxy's host name does not resolve (check HTTPS_PROXY): " + curl_words;
  case k_connect:
    return connect_failed(f, c);
  case k_got_nothing:
    return c.peer + " closed the connection without answering";
  case k_send:
  case k_recv:
    return "the connection to " + c.peer + " broke: " + curl_words;
  default:
    return curl_words;
  }
}

std::string format_duration(std::chrono::milliseconds duration)
{
  const long long ms = duration.count();
  if (ms % 1000 != 0 || ms == 0) {
    if (ms < 1000) {
      return std::to_string(ms) + "ms";
    }
    // "1.5s": tenths are exact enough for a message; an odd 1234ms reads as 1.234s.
    std::string fraction = std::to_string(ms % 1000);
    fraction.insert(0, 3 - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') {
      fraction.pop_back();
    }
    return std::to_string(ms / 1000) + "." + fraction + "s";
  }
  long long s = ms / 1000;
  std::string out;
  if (s >= 3600) {
    out += std::to_string(s / 3600) + "h";
    s %= 3600;
  }
  if (s >= 60) {
    out += std::to_string(s / 60) + "m";
    s %= 60;
  }
  if (s > 0) {
    out += std::to_string(s) + "s";
  }
  return out;
}

} // namespace devk8s::core::net
