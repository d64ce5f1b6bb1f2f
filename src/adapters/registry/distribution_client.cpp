#include "adapters/registry/distribution_client.hpp"

#include "adapters/registry/credential_store.hpp"
#include "adapters/registry/sha256.hpp"
#include "core/registry/endpoint.hpp"
#include "core/registry/www_authenticate.hpp"

#include <map>
#include <set>

namespace devk8s::adapters {

namespace {

using namespace std::chrono;
namespace reg = core::registry;

// Manifests are small (a few KB; an index with many platforms tens of KB). A larger answer
// is not a manifest, and reading it would only cost time.
constexpr std::size_t k_max_manifest = 4u << 20;

struct Item {
  core::image::ImageRef ref;
  reg::Endpoint endpoint;
  std::string authorization; ///< the Authorization header value, "" for none
  bool authenticated = false;
  bool done = false;
  reg::Outcome outcome;
  int attempts = 0;
};

struct HostAuth {
  std::optional<reg::Challenge> challenge;
  std::optional<reg::Credentials> credentials;
  std::string credentials_problem; ///< why configured credentials could not be read, never a secret
};

ports::HttpRequest base_request(const std::string& method, const std::string& url, const reg::Endpoint& endpoint,
                                const ports::RegistryCheckOptions& options)
{
  ports::HttpRequest r;
  r.method = method;
  r.url = url;
  r.timeout = options.request_timeout;
  r.connect_timeout = options.connect_timeout;
  r.ca_file = options.ca_file;
  r.insecure = endpoint.insecure;
  r.follow_redirects = true; // mirrors and CDNs redirect; a loop ends at max_redirects
  r.max_redirects = 5;
  r.max_body = k_max_manifest;
  r.max_header = 64u << 10;
  return r;
}

// Tokens are cached per registry, scope and identity: a token minted for one user must never
// answer for another, or for an anonymous check. The identity is a hash, never the secret.
std::string token_owner(const std::string& base_url, const std::optional<reg::Credentials>& c)
{
  if (!c) {
    return base_url + " anonymous";
  }
  return base_url + " " + sha256_digest(c->username + ":" + c->password + ":" + c->identity_token);
}

std::string basic(const reg::Credentials& c)
{
  return "Basic " + reg::base64_encode(c.username + ":" + c.password);
}

void finish(Item& item, reg::Outcome outcome, int attempts)
{
  item.attempts += attempts;
  outcome.attempts = item.attempts;
  item.outcome = std::move(outcome);
  item.done = true;
}

} // namespace

DistributionClient::DistributionClient(ports::HttpClient& http, ports::FileSystem& fs, ports::ProcessRunner& runner,
                                       RetryClock clock)
    : m_http(http), m_fs(fs), m_runner(runner), m_clock(std::move(clock))
{
}

std::vector<reg::Outcome> DistributionClient::check_manifests(const std::vector<core::image::ImageRef>& refs,
                                                              const ports::RegistryCheckOptions& options)
{
  const auto started = m_clock.now();
  const auto deadline = started + options.deadline;
  CredentialStore credentials(m_fs, m_runner, options.creds, options.docker_config_dir);

  std::vector<Item> items;
  std::map<std::string, reg::Endpoint> hosts; // base_url → endpoint
  for (const auto& ref : refs) {
    Item item{ref, reg::endpoint_for(ref.domain(), options.insecure_registries), {}, false, false, {}, 0};
    hosts.emplace(item.endpoint.base_url, item.endpoint);
    items.push_back(std::move(item));
  }

  // 1. Ping every registry once: its 401 names the auth scheme (distribution spec, "API Version Check").
  std::vector<ports::HttpRequest> pings;
  std::vector<std::string> ping_hosts;
  for (const auto& [base, endpoint] : hosts) {
    pings.push_back(base_request("GET", reg::ping_url(endpoint), endpoint, options));
    pings.back().max_body = 64u << 10;
    ping_hosts.push_back(base);
  }
  auto ping_results = perform_with_retries(m_http, pings, options.retry, deadline, m_clock);
  std::map<std::string, HostAuth> auth;
  for (std::size_t i = 0; i < ping_hosts.size(); ++i) {
    const auto& res = ping_results[i];
    const reg::Answer answer = to_answer(res.response);
    if (answer.link != reg::Link::ok) {
      for (auto& item : items) {
        if (item.endpoint.base_url == ping_hosts[i]) {
          finish(item, reg::classify(answer), res.attempts);
        }
      }
      continue;
    }
    HostAuth& host = auth[ping_hosts[i]];
    if (answer.status == 401) {
      host.challenge = reg::preferred_challenge(reg::parse_www_authenticate(answer.www_authenticate));
      if (host.challenge) {
        host.credentials = credentials.lookup(hosts[ping_hosts[i]].registry, &host.credentials_problem);
      }
    }
  }

  // 2. Basic credentials go on every request; Bearer needs a token per repository scope.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> token_needs; // (base, scope) → items
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    if (item.done) {
      continue;
    }
    const HostAuth& host = auth[item.endpoint.base_url];
    if (!host.challenge) {
      continue;
    }
    if (host.challenge->is_basic()) {
      if (host.credentials && !host.credentials->username.empty()) {
        item.authorization = basic(*host.credentials);
        item.authenticated = true;
      }
      continue;
    }
    const std::string scope = reg::pull_scope(item.ref);
    if (auto cached = m_tokens.get(token_owner(item.endpoint.base_url, host.credentials), scope, m_clock.now())) {
      item.authorization = "Bearer " + *cached;
      item.authenticated = host.credentials.has_value();
      continue;
    }
    token_needs[{item.endpoint.base_url, scope}].push_back(i);
  }
  std::vector<ports::HttpRequest> token_requests;
  std::vector<std::pair<std::string, std::string>> token_keys;
  for (const auto& [key, users] : token_needs) {
    const HostAuth& host = auth[key.first];
    const reg::Endpoint& endpoint = hosts[key.first];
    const std::string service = host.challenge->param("service");
    ports::HttpRequest r = base_request("GET", reg::token_url(host.challenge->param("realm"), service, key.second),
                                        endpoint, options);
    r.insecure = false; // the realm is another server: verify it unless the user said so for it
    r.max_body = 1u << 20;
    if (host.credentials && !host.credentials->identity_token.empty()) {
      // OAuth2 refresh-token grant (token spec, "OAuth2 Token"): how identity tokens are used.
      r.method = "POST";
      r.url = host.challenge->param("realm");
      r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      r.body = "grant_type=refresh_token&client_id=devk8s&service=" + reg::url_encode(service) +
               "&scope=" + reg::url_encode(key.second) + "&refresh_token=" + reg::url_encode(host.credentials->identity_token);
    } else if (host.credentials && !host.credentials->username.empty()) {
      r.headers.emplace_back("Authorization", basic(*host.credentials));
    }
    token_requests.push_back(std::move(r));
    token_keys.push_back(key);
  }
  auto token_results = perform_with_retries(m_http, token_requests, options.retry, deadline, m_clock);
  for (std::size_t k = 0; k < token_keys.size(); ++k) {
    const auto& res = token_results[k];
    const reg::Answer answer = to_answer(res.response);
    const auto& users = token_needs[token_keys[k]];
    const bool with_credentials = auth[token_keys[k].first].credentials.has_value();
    if (answer.link == reg::Link::ok && answer.status == 200) {
      auto token = reg::parse_token_response(answer.body, m_clock.now());
      if (token) {
        for (const std::size_t i : users) {
          items[i].authorization = "Bearer " + token->value;
          items[i].authenticated = with_credentials;
        }
        m_tokens.put(token_owner(token_keys[k].first, auth[token_keys[k].first].credentials), token_keys[k].second,
                     std::move(*token));
        continue;
      }
      reg::Outcome bad;
      bad.kind = reg::OutcomeKind::bad_answer;
      bad.status = 200;
      bad.code = "TOKEN";
      bad.message = token.error().message;
      for (const std::size_t i : users) {
        finish(items[i], bad, res.attempts);
      }
      continue;
    }
    // The token service refused or failed: that is this reference's answer.
    reg::Answer as_manifest = answer;
    as_manifest.authenticated = with_credentials;
    reg::Outcome outcome = reg::classify(as_manifest);
    outcome.message = "token service: " + outcome.message;
    for (const std::size_t i : users) {
      finish(items[i], outcome, res.attempts);
    }
  }

  // 3. HEAD every manifest; GET only where the digest header is missing.
  std::vector<ports::HttpRequest> heads;
  std::vector<std::size_t> head_items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    if (item.done) {
      continue;
    }
    ports::HttpRequest r = base_request("HEAD", reg::manifest_url(item.endpoint, item.ref), item.endpoint, options);
    r.headers.emplace_back("Accept", reg::manifest_accept());
    if (!item.authorization.empty()) {
      r.headers.emplace_back("Authorization", item.authorization);
    }
    heads.push_back(std::move(r));
    head_items.push_back(i);
  }
  auto head_results = perform_with_retries(m_http, heads, options.retry, deadline, m_clock);
  std::vector<ports::HttpRequest> gets;
  std::vector<std::size_t> get_items;
  for (std::size_t k = 0; k < head_items.size(); ++k) {
    Item& item = items[head_items[k]];
    reg::Answer answer = to_answer(head_results[k].response);
    answer.authenticated = item.authenticated;
    item.attempts += head_results[k].attempts;
    if (reg::needs_get(answer) || (answer.link == reg::Link::ok && (answer.status == 401 || answer.status == 403))) {
      // No digest, or a refusal without its words (a HEAD has no body; an allowlist's text is
      // the whole explanation): the GET tells the rest. A 404 needs no GET: its status says it
      // all, and skipping the GET halves the requests when many images are missing.
      ports::HttpRequest r = heads[k];
      r.method = "GET";
      gets.push_back(std::move(r));
      get_items.push_back(head_items[k]);
      continue;
    }
    finish(item, reg::classify(answer), 0);
  }
  auto get_results = perform_with_retries(m_http, gets, options.retry, deadline, m_clock);
  for (std::size_t k = 0; k < get_items.size(); ++k) {
    Item& item = items[get_items[k]];
    reg::Answer answer = to_answer(get_results[k].response);
    answer.authenticated = item.authenticated;
    if (answer.link == reg::Link::ok && answer.status == 200) {
      answer.computed_digest = sha256_digest(answer.body);
    }
    finish(item, reg::classify(answer), get_results[k].attempts);
  }

  for (auto& item : items) {
    // A denial is easier to understand next to the reason no credentials were sent.
    const auto it = auth.find(item.endpoint.base_url);
    if (item.outcome.kind == reg::OutcomeKind::denied && it != auth.end() && !it->second.credentials_problem.empty()) {
      item.outcome.message += "; credentials not used: " + it->second.credentials_problem;
    }
  }
  std::vector<reg::Outcome> outcomes;
  const auto elapsed = duration_cast<milliseconds>(m_clock.now() - started);
  for (auto& item : items) {
    item.outcome.elapsed = elapsed;
    outcomes.push_back(std::move(item.outcome));
  }
  return outcomes;
}

} // namespace devk8s::adapters
