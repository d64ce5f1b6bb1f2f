#include "adapters/kube/curl_kube_api.hpp"

#include "util/base64.hpp"
#include "util/build_info.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

namespace devk8s::adapters {

namespace {

std::string excerpt(const std::string& text)
{
  return std::string(util::first_line(text).substr(0, 160));
}

} // namespace

CurlKubeApi::CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, std::string token,
                         KubeApiOptions options)
  : m_http(http), m_access(std::move(access))
{
  m_display_server = m_access.server;
  const auto scheme = m_display_server.find("://");
  const auto start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto at = m_display_server.find('@', start);
  if (at != std::string::npos && at < m_display_server.find('/', start)) {
    m_display_server.erase(start, at + 1 - start);
  }
  // Everything but the method, path and body is the same for every request to this cluster.
  auto& r = m_template;
  r.url = m_access.server;
  while (!r.url.empty() && r.url.back() == '/') {
    r.url.pop_back();
  }
  r.timeout = options.request_timeout;
  r.connect_timeout = options.connect_timeout;
  r.max_body = options.max_body;
  r.headers = {{"Accept", "application/json"}, {"User-Agent", std::string("devk8s/") + util::build_info().version}};
  const auto& a = m_access;
  r.ca_file = a.certificate_authority.file;
  r.ca_pem = a.certificate_authority.pem;
  r.client_cert = a.client_certificate.file;
  r.client_cert_pem = a.client_certificate.pem;
  r.client_key = a.client_key.file;
  r.client_key_pem = a.client_key.pem;
  r.insecure = a.insecure_skip_tls_verify;
  if (!token.empty()) {
    r.headers.emplace_back("Authorization", "Bearer " + token);
  } else if (!a.username.empty()) {
    r.headers.emplace_back("Authorization", "Basic " + util::base64_encode(a.username + ":" + a.password));
  }
}

util::Result<ports::KubeAnswer> CurlKubeApi::request(const std::string& method, const std::string& path,
                                                     const std::string& body)
{
  ports::HttpRequest r = m_template;
  r.method = method;
  r.url += path;
  r.body = body;
  if (!body.empty()) {
    // A PATCH says which kind of patch it is; everything else devk8s sends is a whole object.
    r.headers.emplace_back("Content-Type", method == "PATCH" ? "application/merge-patch+json" : "application/json");
  }
  const auto response = m_http.perform(r);
  if (!response.ok()) {
    return util::failure("the Kubernetes API at " + server() + " (context " + util::quoted(m_access.context) +
                             ") did not answer: " + ports::to_string(response.transport) + ": " + response.transport_message,
                         response.transport == ports::Transport::tls
                             ? "the server's certificate does not match the kubeconfig's CA: a recreated cluster? "
                               "'minikube update-context' rewrites the kubeconfig"
                             : "is the cluster running? minikube status (or minikube start)");
  }
  ports::KubeAnswer answer;
  answer.status = response.status;
  auto parsed = util::parse_json(response.body);
  if (!parsed) {
    // A 404 from a path the server does not serve is plain text ("404 page not found").
    if (response.status >= 400) {
      answer.body = nlohmann::json{{"kind", "Status"}, {"message", excerpt(response.body)}};
      return answer;
    }
    return util::failure(server() + path + ": HTTP " + std::to_string(response.status) + " with a body that is not JSON (" +
                             parsed.error().message + "): " + util::quoted(excerpt(response.body)),
                         "is the kubeconfig's server a Kubernetes API server?");
  }
  answer.body = std::move(*parsed);
  return answer;
}

util::Result<std::unique_ptr<ports::KubeApi>> CurlKubeConnector::connect(const core::kube::ClusterAccess& access)
{
  std::string token = access.token;
  if (token.empty() && !access.token_file.empty()) {
    auto text = m_fs.read_file(access.token_file);
    if (!text) {
      return util::failure("cannot read the token file of user " + util::quoted(access.user) + ": " +
                               text.error().message,
                           "check tokenFile in " + access.origin);
    }
    token = std::string(util::trim(*text));
  }
  return std::unique_ptr<ports::KubeApi>(std::make_unique<CurlKubeApi>(m_http, access, std::move(token), m_options));
}

} // namespace devk8s::adapters
