#include "adapters/kube/curl_kube_api.hpp"

#include "ports/kube_list_pager.hpp"
#include "util/base64.hpp"
#include "util/build_info.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <optional>

namespace devk8s::adapters {

namespace {

// What a list's later pages aim at (KubeListPager::aim_for_page_bytes): on a 10,000-pod cluster,
// events came in 41 pages of 500 and pods in 21; at about 1 MB each, events take 14 and the lists
// end together (doctor 2.9 s -> 2.4 s against the simulation, with no more memory).
constexpr std::size_t k_page_bytes = 1U << 20U;

std::string excerpt(const std::string& text)
{
  return std::string(util::first_line(text).substr(0, 160));
}

// A URL for messages: without the user:password@ a kubeconfig may carry in a server or proxy-url.
std::string without_userinfo(std::string url)
{
  const auto scheme = url.find("://");
  const auto start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto at = url.find('@', start);
  if (at != std::string::npos && at < url.find('/', start)) {
    url.erase(start, at + 1 - start);
  }
  return url;
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
  words.peer = "the apiserver";
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
  : CurlKubeApi(http, std::move(access), KubeCredentials{std::move(token), {}, {}}, std::move(options))
{
}

CurlKubeApi::CurlKubeApi(ports::HttpClient& http, core::kube::ClusterAccess access, KubeCredentials credentials,
                         KubeApiOptions options, CredentialRefresh refresh)
  : m_http(http), m_access(std::move(access)), m_words(transport_words(m_access, options)), m_retry(options.retry),
    m_clock(std::move(options.retry_clock)), m_refresh(std::move(refresh))
{
  m_display_server = without_userinfo(m_access.server);
  // Everything but the method, path and body is the same for every request to this cluster.
  auto& r = m_template;
  r.url = m_access.server;
  while (!r.url.empty() && r.url.back() == '/') {
    r.url.pop_back();
  }
  r.timeout = options.request_timeout;
  r.connect_timeout = options.connect_timeout;
  r.max_body = options.max_body;
  // A real User-Agent: kube-apiserver pretty-prints JSON for curl's and Wget's (negotiation's
  // isPrettyPrint), which doubles the bytes of a large list.
  r.headers = {{"Accept", "application/json"}, {"User-Agent", std::string("devk8s/") + util::build_info().version}};
  const auto& a = m_access;
  r.ca_file = a.certificate_authority.file;
  r.ca_pem = a.certificate_authority.pem;
  r.client_cert = a.client_certificate.file;
  r.client_cert_pem = a.client_certificate.pem;
  r.client_key = a.client_key.file;
  r.client_key_pem = a.client_key.pem;
  r.insecure = a.insecure_skip_tls_verify;
  r.tls_server_name = a.tls_server_name;
  r.proxy = a.proxy_url;
  use(credentials);
}

void CurlKubeApi::use(const KubeCredentials& credentials)
{
  ++m_generation;
  auto& r = m_template;
  auto& headers = r.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(), [](const auto& h) { return h.first == "Authorization"; }),
                headers.end());
  if (!credentials.client_certificate_pem.empty()) {
    // A plugin's certificate replaces the kubeconfig's, as client-go's exec authenticator
    // supplies it through the TLS config's GetClientCertificate.
    r.client_cert.clear();
    r.client_key.clear();
    r.client_cert_pem = credentials.client_certificate_pem;
    r.client_key_pem = credentials.client_key_pem;
  }
  if (!credentials.token.empty()) {
    headers.emplace_back("Authorization", "Bearer " + credentials.token);
  } else if (!m_access.username.empty()) {
    headers.emplace_back("Authorization", "Basic " + util::base64_encode(m_access.username + ":" + m_access.password));
  }
}

bool CurlKubeApi::refreshed()
{
  if (!m_refresh || m_refresh_tried) {
    return false;
  }
  m_refresh_tried = true;
  auto credentials = m_refresh();
  if (!credentials) {
    m_refresh_error = credentials.error();
    return false;
  }
  use(*credentials);
  return true;
}

core::kube::ApiSubject CurlKubeApi::subject() const
{
  return {m_display_server, m_access.context, m_access.user, m_access.origin, m_access.minikube_profile};
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

util::Result<ports::HttpResponse> CurlKubeApi::send(const std::string& method, const std::string& path,
                                                   const std::string& body, const std::string& accept)
{
  const bool idempotent = method == "GET" || method == "HEAD";
  const auto once = [&] {
    ports::HttpRequest r = request_for(method, path, body);
    if (!accept.empty()) {
      for (auto& [name, value] : r.headers) {
        if (name == "Accept") {
          value = accept;
        }
      }
    }
    // A copy per request: the retry loop fills in its defaults, and no request sees another's.
    RetryClock clock = m_clock;
    return idempotent ? std::move(perform_with_retries(m_http, {r}, m_retry, clock.now() + r.timeout, clock).front().response)
                      : m_http.perform(r);
  };
  auto response = once();
  // A 401 is decided before anything is applied, so even a POST may go again with new credentials.
  if (response.ok() && response.status == 401) {
    if (refreshed()) {
      response = once();
    } else if (m_refresh_error) {
      return *m_refresh_error;
    }
  }
  return response;
}

util::Result<ports::KubeAnswer> CurlKubeApi::request(const std::string& method, const std::string& path,
                                                     const std::string& body)
{
  DEVK8S_TRY(const auto response, send(method, path, body, {}));
  return answer_of(response, path);
}

util::Result<ports::KubeAnswer> CurlKubeApi::request_text(const std::string& path)
{
  // pods/log answers text/plain whatever is asked; an error is still a JSON Status.
  DEVK8S_TRY(auto response, send("GET", path, {}, "text/plain, application/json"));
  if (response.ok() && response.status >= 200 && response.status < 300) {
    ports::KubeAnswer answer;
    answer.status = response.status;
    answer.text = std::move(response.body);
    return answer;
  }
  return answer_of(response, path);
}

std::vector<ports::KubeListOutcome> CurlKubeApi::list_each(const std::vector<ports::KubeListRequest>& lists,
                                                           std::chrono::steady_clock::time_point deadline,
                                                           const ports::KubeListOptions& options)
{
  std::vector<ports::KubeListPager> pagers;
  std::vector<std::optional<ports::KubeListOutcome>> outcomes(lists.size());
  std::vector<std::string> sent(lists.size());     // each list's page in flight
  std::vector<int> generation(lists.size(), 0);    // the credentials it went with
  std::vector<ports::HttpRequest> first;
  pagers.reserve(lists.size());
  for (std::size_t i = 0; i < lists.size(); ++i) {
    pagers.emplace_back(subject(), lists[i].path, options, lists[i].sink);
    pagers[i].aim_for_page_bytes(k_page_bytes);
    sent[i] = pagers[i].next_path();
    generation[i] = m_generation;
    first.push_back(request_for("GET", sent[i], {}));
  }
  const auto again = [&](std::size_t i) {
    generation[i] = m_generation;
    return std::optional<ports::HttpRequest>(request_for("GET", sent[i], {}));
  };
  RetryClock clock = m_clock;
  // Each list is a chain: its next page goes out as soon as its page is read, while the other
  // lists' pages are still arriving, so decoding one list overlaps the transfer of the others.
  perform_chained_with_retries(m_http, std::move(first), m_retry, deadline, clock,
                               [&](std::size_t i, ports::HttpResponse&& response) -> std::optional<ports::HttpRequest> {
    if (response.ok() && response.status == 401) {
      // Sent before another list's 401 brought new credentials, or the first 401: once more.
      if (generation[i] < m_generation || refreshed()) {
        return again(i);
      }
      if (m_refresh_error) {
        outcomes[i].emplace(ports::KubeListOutcome{*m_refresh_error, true, 401});
        return std::nullopt;
      }
    }
    pagers[i].observe_page_bytes(response.body.size());
    auto answer = answer_of(response, sent[i], pagers[i].item_sink() ? &pagers[i] : nullptr);
    if (!answer) {
      outcomes[i].emplace(ports::KubeListOutcome{answer.error(), false});
    } else if (auto read = pagers[i].read(std::move(*answer)); !read) {
      outcomes[i].emplace(ports::KubeListOutcome{read.error(), true, pagers[i].status()});
    } else if (pagers[i].done()) {
      outcomes[i].emplace(ports::KubeListOutcome{pagers[i].take(), true});
    } else {
      sent[i] = pagers[i].next_path();
      return again(i);
    }
    return std::nullopt;
  });
  std::vector<ports::KubeListOutcome> result;
  result.reserve(outcomes.size());
  for (auto& outcome : outcomes) {
    result.push_back(std::move(*outcome));
  }
  return result;
}

util::Error CurlKubeApi::transport_error(const ports::HttpResponse& response, const std::string& path) const
{
  const auto who = subject();
  const std::string at = core::kube::apiserver_at(who) + " (context " + util::quoted(m_access.context) + ")";
  const std::string words = core::net::describe(response.failure(), m_words);
  const std::string what = "cannot " + core::kube::api_target("GET", path).words;
  const std::string detail = util::to_lower(response.transport_detail + " " + response.transport_message);
  const std::string origin = m_access.origin.empty() ? std::string("the kubeconfig") : m_access.origin;
  const std::string update = "`minikube update-context" +
                             (who.minikube_profile.empty() ? std::string() : " -p " + who.minikube_profile) + "`";
  if (!m_access.proxy_url.empty() && (response.transport == ports::Transport::connect ||
                                      response.transport_code == CURLE_COULDNT_RESOLVE_PROXY)) {
    // curl cannot tell the proxy's refusal from the server's: with a proxy, name the proxy.
    return util::failure(at + " cannot be reached through proxy-url " + without_userinfo(m_access.proxy_url) + " of cluster " +
                             util::quoted(m_access.cluster) + ": " +
                             (response.transport_detail.empty() ? response.transport_message : response.transport_detail),
                         "is the proxy running, and may it connect to the apiserver? check proxy-url in " + origin);
  }
  switch (response.transport) {
  case ports::Transport::connect:
    if (detail.find("refused") != std::string::npos) {
      // The server, not the request, is the problem: every request would say the same.
      return util::failure(at + " refused the connection: nothing listens on that port",
                           core::kube::unreachable_hint(who));
    }
    break;
  case ports::Transport::tls:
    if (response.transport_code == CURLE_SSL_CERTPROBLEM) {
      return util::failure("TLS with " + at + " failed: " + words,
                           "check client-certificate and client-key in " + origin + "; " + update +
                               " rewrites minikube's entries");
    }
    return util::failure("TLS with " + at + " failed: " + words,
                         "the server's certificate does not match the kubeconfig's CA (or tls-server-name): a recreated "
                         "cluster? " + update + " rewrites the kubeconfig");
  case ports::Transport::timeout:
    return util::failure(what + ": " + at + " did not answer in time: " + words,
                         "is the cluster overloaded or stopped? " + core::kube::unreachable_hint(who));
  default:
    break;
  }
  if (response.transport_code == CURLE_PARTIAL_FILE) {
    // curl: "transfer closed with N bytes remaining to read": the connection went mid-answer.
    return util::failure(what + ": " + at + " broke off its answer: " + words,
                         "the connection dropped mid-answer (the apiserver restarting, or a proxy); run the command again");
  }
  return util::failure(what + ": " + at + " did not answer: " + ports::to_string(response.transport) + ": " + words,
                       core::kube::unreachable_hint(who));
}

util::Result<ports::KubeAnswer> CurlKubeApi::answer_of(const ports::HttpResponse& response, const std::string& path,
                                                       ports::KubeListPager* items) const
{
  if (!response.ok()) {
    return util::Error(transport_error(response, path));
  }
  ports::KubeAnswer answer;
  answer.status = response.status;
  const bool stream = items != nullptr && response.status >= 200 && response.status < 300;
  // managedFields is up to a third of a real object's bytes, and no devk8s reader looks at it.
  auto parsed = stream ? util::parse_json_list(
                             response.body,
                             [items](nlohmann::json&& item) {
                               items->count_streamed();
                               items->item_sink()(std::move(item));
                             },
                             {"managedFields"})
                       : util::parse_json(response.body);
  if (!parsed) {
    // A 404 from a path the server does not serve is plain text ("404 page not found").
    if (response.status >= 400) {
      answer.body = nlohmann::json{{"kind", "Status"}, {"message", excerpt(response.body)}};
      return answer;
    }
    return util::failure("cannot " + core::kube::api_target("GET", path).words + ": " +
                             core::kube::apiserver_at(subject()) + " answered HTTP " + std::to_string(response.status) +
                             " with a body that is not JSON (" + parsed.error().message +
                             "): " + util::quoted(excerpt(response.body)),
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
  if (!access.exec) {
    return std::unique_ptr<ports::KubeApi>(std::make_unique<CurlKubeApi>(m_http, access, std::move(token), m_options));
  }
  if (m_runner == nullptr) {
    return util::failure("user " + util::quoted(access.user) + " gets its credentials from a plugin, which this "
                             "devk8s command cannot run",
                         "use a context with a client certificate or a token");
  }
  ExecCredentials plugin(*m_runner, m_fs, m_options.exec);
  // client-go's exec round tripper leaves a request alone that already has an Authorization
  // header: the kubeconfig's own token wins over the plugin's.
  const auto credentials_of = [token](const core::kube::ExecCredential& c) {
    return KubeCredentials{token.empty() ? c.token : token, c.client_certificate_pem, c.client_key_pem};
  };
  DEVK8S_TRY(const auto credential, plugin.get(access));
  CredentialRefresh refresh = [plugin, access, credentials_of]() mutable -> util::Result<KubeCredentials> {
    DEVK8S_TRY(const auto fresh, plugin.refresh(access));
    return credentials_of(fresh);
  };
  return std::unique_ptr<ports::KubeApi>(
      std::make_unique<CurlKubeApi>(m_http, access, credentials_of(credential), m_options, std::move(refresh)));
}

} // namespace devk8s::adapters
