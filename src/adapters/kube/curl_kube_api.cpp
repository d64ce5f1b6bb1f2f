#include "adapters/kube/curl_kube_api.hpp"

#include "ports/kube_list_pager.hpp"
#include "util/base64.hpp"
#include "util/build_info.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <curl/curl.h>

#include <optional>

namespace devk8s::adapters {

namespace {

std::string excerpt(const std::string& text)
{
  return std::string(util::first_line(text).substr(0, 160));
}

// A kubeconfig field as a message names it: "client-key /x/client.key of user "minikube" in
// ~/.kube/config", or the -data field when the PEM is inline.
std::string field(const core::kube::PemSource& source, const std::string& name, const std::string& owner,
                  const core::kube::ClusterAccess& a)
{
  if (source.empty()) {
    return {};
  }
  const std::string what = source.file.empty() ? name + "-data" : name + " " + source.file;
  return what + " of " + owner + " in " + (a.origin.empty() ? std::string("the kubeconfig") : a.origin);
}

// The words for a failure below HTTP name the kubeconfig field and file involved, and lead
// with Go's x509 text as kubectl prints it, so the two tools' errors can be compared.
core::net::TransportContext transport_words(const core::kube::ClusterAccess& a, const KubeApiOptions& options)
{
  core::net::TransportContext words;
  words.peer = "the Kubernetes API server";
  words.go_words = true;
  words.timeout = options.request_timeout;
  words.connect_timeout = options.connect_timeout;
  const std::string cluster = "cluster " + util::quoted(a.cluster);
  const std::string user = "user " + util::quoted(a.user);
  words.ca_file = field(a.certificate_authority, "certificate-authority", cluster, a);
  words.trust = words.ca_file.empty() ? "the kubeconfig names no certificate-authority for " + cluster
                                      : "it is not the CA in " + words.ca_file;
  words.client_certificate = field(a.client_certificate, "client-certificate", user, a);
  words.client_key = field(a.client_key, "client-key", user, a);
  words.plain_http = "the kubeconfig's server should then start with http://";
  return words;
}

} // namespace

CurlKubeApi::CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, std::string token,
                         KubeApiOptions options)
  : m_http(http), m_access(std::move(access)), m_words(transport_words(m_access, options)), m_retry(options.retry),
    m_clock(std::move(options.retry_clock))
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

ports::HttpRequest CurlKubeApi::request_for(const std::string& method, const std::string& path,
                                           const std::string& body) const
{
  ports::HttpRequest r = m_template;
  r.method = method;
  r.url += path;
  r.body = body;
  if (!body.empty()) {
    // A PATCH says which kind of patch it is; everything else devk8s sends is a whole object.
    r.headers.emplace_back("Content-Type", method == "PATCH" ? "application/merge-patch+json" : "application/json");
  }
  return r;
}

util::Result<ports::KubeAnswer> CurlKubeApi::request(const std::string& method, const std::string& path,
                                                     const std::string& body)
{
  const ports::HttpRequest r = request_for(method, path, body);
  // A copy per request: the retry loop fills in its defaults, and no request sees another's.
  RetryClock clock = m_clock;
  const bool idempotent = method == "GET" || method == "HEAD";
  const auto response =
      idempotent ? std::move(perform_with_retries(m_http, {r}, m_retry, clock.now() + r.timeout, clock).front().response)
                 : m_http.perform(r);
  return answer_of(response, path);
}

std::vector<ports::KubeListOutcome> CurlKubeApi::list_all(const std::vector<std::string>& paths,
                                                          std::chrono::steady_clock::time_point deadline,
                                                          const ports::KubeListOptions& options)
{
  std::vector<ports::KubeListPager> pagers;
  std::vector<std::optional<ports::KubeListOutcome>> outcomes(paths.size());
  std::vector<std::size_t> active;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    pagers.emplace_back(server(), paths[i], options);
    active.push_back(i);
  }
  RetryClock clock = m_clock;
  while (!active.empty()) {
    std::vector<ports::HttpRequest> batch;
    std::vector<std::string> sent_paths;
    for (const std::size_t i : active) {
      sent_paths.push_back(pagers[i].next_path());
      batch.push_back(request_for("GET", sent_paths.back(), {}));
    }
    auto attempted = perform_with_retries(m_http, std::move(batch), m_retry, deadline, clock);
    std::vector<std::size_t> next;
    for (std::size_t k = 0; k < active.size(); ++k) {
      const std::size_t i = active[k];
      auto answer = answer_of(attempted[k].response, sent_paths[k]);
      if (!answer) {
        outcomes[i] = ports::KubeListOutcome{answer.error(), false};
      } else if (auto read = pagers[i].read(std::move(*answer)); !read) {
        outcomes[i] = ports::KubeListOutcome{read.error(), true};
      } else if (pagers[i].done()) {
        outcomes[i] = ports::KubeListOutcome{pagers[i].take(), true};
      } else {
        next.push_back(i);
      }
    }
    active = std::move(next);
  }
  std::vector<ports::KubeListOutcome> result;
  result.reserve(outcomes.size());
  for (auto& outcome : outcomes) {
    result.push_back(std::move(*outcome));
  }
  return result;
}

util::Result<ports::KubeAnswer> CurlKubeApi::answer_of(const ports::HttpResponse& response, const std::string& path) const
{
  if (!response.ok()) {
    std::string hint = "is the cluster running? minikube status (or minikube start)";
    if (response.transport_code == CURLE_SSL_CERTPROBLEM) {
      hint = "check client-certificate and client-key in " + (m_access.origin.empty() ? "the kubeconfig" : m_access.origin) +
             "; 'minikube update-context' rewrites minikube's entries";
    } else if (response.transport == ports::Transport::tls) {
      hint = "the server's certificate does not match the kubeconfig's CA: a recreated cluster? "
             "'minikube update-context' rewrites the kubeconfig";
    }
    return util::failure("the Kubernetes API at " + server() + " (context " + util::quoted(m_access.context) +
                             ") did not answer: " + ports::to_string(response.transport) + ": " +
                             core::net::describe(response.failure(), m_words),
                         hint);
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
  // A missing file would reach the user as curl's "Problem with the local SSL certificate";
  // said here, the message names the field and the file, as kubectl's does.
  const std::pair<const core::kube::PemSource*, const char*> files[] = {
      {&access.certificate_authority, "certificate-authority"},
      {&access.client_certificate, "client-certificate"},
      {&access.client_key, "client-key"}};
  for (const auto& [source, name] : files) {
    if (!source->file.empty() && source->pem.empty() && m_fs.kind(source->file) != ports::FileKind::regular) {
      const bool of_user = std::string_view(name) != "certificate-authority";
      return util::failure(std::string("cannot read ") + name + " " + util::quoted(source->file) + " of " +
                               (of_user ? "user " + util::quoted(access.user) : "cluster " + util::quoted(access.cluster)) +
                               ": no such file",
                           "check " + std::string(name) + " in " + (access.origin.empty() ? "the kubeconfig" : access.origin) +
                               "; 'minikube update-context' rewrites minikube's entries");
    }
  }
  return std::unique_ptr<ports::KubeApi>(std::make_unique<CurlKubeApi>(m_http, access, std::move(token), m_options));
}

} // namespace devk8s::adapters
