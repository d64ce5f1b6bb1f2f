#include "adapters/registry/distribution_client.hpp"

#include "adapters/registry/credential_store.hpp"
#include "core/net/transport_failure.hpp"
#include "core/registry/endpoint.hpp"
#include "core/registry/www_authenticate.hpp"
#include "util/base64.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

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
  std::set<std::string> credentials_sent_to; ///< hosts this item's check sent the secret to
};

struct HostAuth {
  std::optional<reg::Challenge> challenge;
  std::optional<reg::Credentials> credentials;
  std::string credentials_source; ///< where they came from, for -v
  std::string credentials_problem; ///< why configured credentials could not be read, never a secret
};

ports::HttpRequest base_request(const std::string& method, const std::string& url,
                                const ports::RegistryCheckOptions& options)
{
  ports::HttpRequest r;
  r.method = method;
  r.url = url;
  r.timeout = options.request_timeout;
  r.connect_timeout = options.connect_timeout;
  r.ca_file = options.ca_file;
  // An insecure registry is asked over http:// (endpoint_for), where TLS has nothing to check;
  // the https server a redirect leads to (a CDN) and an HTTPS proxy are verified as always.
  r.insecure = false; // HttpRequest's default, said here because it is the point
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
  return base_url + " " + util::sha256_digest(c->username + ":" + c->password + ":" + c->identity_token);
}

std::string basic(const reg::Credentials& c)
{
  return "Basic " + util::base64_encode(c.username + ":" + c.password);
}

void finish(Item& item, reg::Outcome outcome, int attempts)
{
  item.attempts += attempts;
  outcome.attempts = item.attempts;
  item.outcome = std::move(outcome);
  item.done = true;
}

struct Run {
  ports::HttpClient& http;
  RetryClock& clock;
  core::registry::TokenCache& tokens;
  const ports::RegistryCheckOptions& options;
  steady_clock::time_point deadline;
  std::vector<Item> items;
  std::map<std::string, reg::Endpoint> hosts; // base_url → endpoint
  std::map<std::string, HostAuth> auth;       // base_url → what its ping said

  std::vector<Attempted> perform(std::vector<ports::HttpRequest> requests)
  {
    return perform_with_retries(http, std::move(requests), options.retry, deadline, clock);
  }

  // The core's view of a response, a failure below HTTP in words that name the flag to use
  // ("not signed by a trusted CA (use --ca-file)", "no answer within the 10s timeout").
  reg::Answer answer(const ports::HttpResponse& response, const char* peer = "the registry") const
  {
    reg::Answer a = to_answer(response);
    if (a.link != reg::Link::ok) {
      core::net::TransportContext words;
      words.peer = peer;
      words.timeout = options.request_timeout;
      words.connect_timeout = options.connect_timeout;
      words.timeout_flag = "--timeout";
      words.trust = options.ca_file.empty() ? "use --ca-file" : "nor by the CA in --ca-file " + options.ca_file;
      words.ca_file = "--ca-file " + options.ca_file;
      words.plain_http = "a registry without TLS is named with --insecure-registry HOST[:PORT]";
      a.link_message = core::net::describe(response.failure(), words);
    }
    return a;
  }
};

// 1. Ping every registry once: its 401 names the auth scheme (distribution spec, "API Version
// Check"). A registry that cannot be reached settles all its references at once.
void ping_registries(Run& run, CredentialStore& credentials)
{
  std::vector<ports::HttpRequest> pings;
  std::vector<std::string> bases;
  for (const auto& [base, endpoint] : run.hosts) {
    pings.push_back(base_request("GET", reg::ping_url(endpoint), run.options));
    pings.back().max_body = 64u << 10;
    bases.push_back(base);
  }
  const auto results = run.perform(std::move(pings));
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const reg::Answer answer = run.answer(results[i].response);
    if (answer.link != reg::Link::ok) {
      for (auto& item : run.items) {
        if (item.endpoint.base_url == bases[i]) {
          finish(item, reg::classify(answer), results[i].attempts);
        }
      }
      continue;
    }
    HostAuth& host = run.auth[bases[i]];
    if (answer.status == 401) {
      host.challenge = reg::preferred_challenge(reg::parse_www_authenticate(answer.www_authenticate));
      if (host.challenge) {
        // A registry served from another address (--registry-endpoint) gets that address's
        // credentials: the registry's own are never sent to a host the user named for it.
        const auto& endpoint = run.hosts[bases[i]];
        const bool mapped = run.options.endpoints.count(endpoint.registry) != 0;
        if (auto found = credentials.lookup(mapped ? endpoint.host : endpoint.registry, &host.credentials_problem)) {
          host.credentials = std::move(found->credentials);
          host.credentials_source = std::move(found->source);
        }
      }
    }
  }
}

// Whether `c` holds a secret token_request() would send: a refresh token, or a user for Basic.
bool has_secret(const std::optional<reg::Credentials>& c)
{
  return c && (!c->identity_token.empty() || !c->username.empty());
}

ports::HttpRequest token_request(const Run& run, const HostAuth& host, const reg::Realm& realm,
                                 const std::string& scope)
{
  const std::string service = host.challenge->param("service");
  ports::HttpRequest r = base_request("GET", reg::token_url(realm.url, service, scope), run.options);
  r.insecure = realm.insecure; // the realm is another server: unverified only if the user named it too
  r.max_body = 1u << 20;
  if (!has_secret(host.credentials) || !realm.credentials_allowed) {
    return r; // fetch_tokens() never gets here with a secret for a realm that may not have it
  }
  // A redirect would carry the secret on to a server nobody judged (curl resends a POST body on
  // 307/308, to any scheme), so a request with one follows none.
  r.follow_redirects = false;
  if (!host.credentials->identity_token.empty()) {
    // OAuth2 refresh-token grant (token spec, "OAuth2 Token"): how identity tokens are used.
    r.method = "POST";
    r.url = realm.url;
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    r.body = "grant_type=refresh_token&client_id=devk8s&service=" + util::url_encode(service) +
             "&scope=" + util::url_encode(scope) + "&refresh_token=" + util::url_encode(host.credentials->identity_token);
  } else {
    r.headers.emplace_back("Authorization", basic(*host.credentials));
  }
  return r;
}

// 2b. One token request per (registry, scope) not in the cache; its answer serves every
// reference of that repository. A refusal by the token service is those references' outcome.
void fetch_tokens(Run& run, const std::map<std::pair<std::string, std::string>, std::vector<std::size_t>>& needs)
{
  std::vector<ports::HttpRequest> requests;
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, users] : needs) {
    const HostAuth& host = run.auth[key.first];
    const reg::Realm realm = reg::realm_for(host.challenge->param("realm"), run.options.insecure_registries);
    if (has_secret(host.credentials) && !realm.credentials_allowed) {
      // Never the user's secret in clear text to a server the registry named. Asking without it
      // would only end in a denial that hides why, so this is the answer.
      reg::Outcome refused;
      refused.kind = reg::OutcomeKind::denied;
      refused.code = "INSECURE_REALM";
      refused.message = realm.refusal();
      for (const std::size_t i : users) {
        finish(run.items[i], refused, 0);
      }
      continue;
    }
    requests.push_back(token_request(run, host, realm, key.second));
    keys.push_back(key);
    if (has_secret(host.credentials)) {
      for (const std::size_t i : users) {
        run.items[i].credentials_sent_to.insert(realm.host);
      }
    }
  }
  const auto results = run.perform(std::move(requests));
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const reg::Answer answer = run.answer(results[k].response, "the token service");
    const auto& users = needs.at(keys[k]);
    const auto& credentials = run.auth[keys[k].first].credentials;
    reg::Outcome failed;
    if (answer.link == reg::Link::ok && answer.status == 200) {
      auto token = reg::parse_token_response(answer.body, run.clock.now(), std::chrono::system_clock::now());
      if (token) {
        for (const std::size_t i : users) {
          run.items[i].authorization = "Bearer " + token->value;
          run.items[i].authenticated = credentials.has_value();
        }
        run.tokens.put(token_owner(keys[k].first, credentials), keys[k].second, std::move(*token));
        continue;
      }
      failed.kind = reg::OutcomeKind::bad_answer;
      failed.status = 200;
      failed.code = "TOKEN";
      failed.message = token.error().message;
    } else {
      reg::Answer as_manifest = answer;
      as_manifest.authenticated = credentials.has_value();
      failed = reg::classify(as_manifest);
      failed.message = "token service: " + failed.message;
    }
    for (const std::size_t i : users) {
      finish(run.items[i], failed, results[k].attempts);
    }
  }
}

// 2. Basic credentials go on every request; Bearer needs a token per repository scope,
// cached per registry, scope and identity.
void authorize(Run& run)
{
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> needs; // (base, scope) → items
  for (std::size_t i = 0; i < run.items.size(); ++i) {
    Item& item = run.items[i];
    const HostAuth& host = run.auth[item.endpoint.base_url];
    if (item.done || !host.challenge) {
      continue;
    }
    if (host.challenge->is_basic()) {
      if (host.credentials && !host.credentials->username.empty()) {
        item.authorization = basic(*host.credentials);
        item.authenticated = true;
        item.credentials_sent_to.insert(item.endpoint.host);
      }
      continue;
    }
    const std::string scope = reg::pull_scope(item.ref);
    if (auto cached = run.tokens.get(token_owner(item.endpoint.base_url, host.credentials), scope, run.clock.now())) {
      item.authorization = "Bearer " + *cached;
      item.authenticated = host.credentials.has_value();
      continue;
    }
    needs[{item.endpoint.base_url, scope}].push_back(i);
  }
  fetch_tokens(run, needs);
}

// 3. HEAD every manifest; GET where the digest header is missing (then hash the body), or
// where a refusal's words are in the body (a HEAD has none; an allowlist's text is the whole
// explanation). A 404 needs no GET: its status says it all, and skipping the GET halves the
// requests when many images are missing.
void head_then_get(Run& run)
{
  std::vector<ports::HttpRequest> heads;
  std::vector<std::size_t> head_items;
  for (std::size_t i = 0; i < run.items.size(); ++i) {
    Item& item = run.items[i];
    if (item.done) {
      continue;
    }
    ports::HttpRequest r = base_request("HEAD", reg::manifest_url(item.endpoint, item.ref), run.options);
    r.headers.emplace_back("Accept", reg::manifest_accept());
    if (!item.authorization.empty()) {
      r.headers.emplace_back("Authorization", item.authorization);
    }
    heads.push_back(std::move(r));
    head_items.push_back(i);
  }
  const auto head_results = run.perform(heads);
  std::vector<ports::HttpRequest> gets;
  std::vector<std::size_t> get_items;
  for (std::size_t k = 0; k < head_items.size(); ++k) {
    Item& item = run.items[head_items[k]];
    reg::Answer answer = run.answer(head_results[k].response);
    answer.authenticated = item.authenticated;
    item.attempts += head_results[k].attempts;
    if (reg::needs_get(answer) || (answer.link == reg::Link::ok && (answer.status == 401 || answer.status == 403))) {
      gets.push_back(heads[k]);
      gets.back().method = "GET";
      get_items.push_back(head_items[k]);
      continue;
    }
    finish(item, reg::classify(answer), 0);
  }
  const auto get_results = run.perform(std::move(gets));
  for (std::size_t k = 0; k < get_items.size(); ++k) {
    Item& item = run.items[get_items[k]];
    reg::Answer answer = run.answer(get_results[k].response);
    answer.authenticated = item.authenticated;
    if (answer.link == reg::Link::ok && answer.status == 200) {
      answer.computed_digest = util::sha256_digest(answer.body);
    }
    finish(item, reg::classify(answer), get_results[k].attempts);
  }
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
  Run run{m_http, m_clock, m_tokens, options, started + options.deadline, {}, {}, {}};
  for (const auto& ref : refs) {
    Item item{ref, reg::endpoint_for(ref.domain(), options.insecure_registries, options.endpoints), {}, false, false, {}, 0, {}};
    run.hosts.emplace(item.endpoint.base_url, item.endpoint);
    run.items.push_back(std::move(item));
  }
  CredentialStore credentials(m_fs, m_runner, options.creds, options.general_creds_registries, options.docker_config_dir);
  ping_registries(run, credentials);
  authorize(run);
  head_then_get(run);

  std::vector<reg::Outcome> outcomes;
  const auto elapsed = duration_cast<milliseconds>(m_clock.now() - started);
  for (auto& item : run.items) {
    // A denial is easier to understand next to the reason no credentials were sent.
    const auto it = run.auth.find(item.endpoint.base_url);
    if (item.outcome.kind == reg::OutcomeKind::denied && it != run.auth.end() && !it->second.credentials_problem.empty()) {
      item.outcome.message += "; credentials not used: " + it->second.credentials_problem;
    }
    item.outcome.elapsed = elapsed;
    if (!item.credentials_sent_to.empty() && it != run.auth.end()) {
      item.outcome.credentials_sent_to.assign(item.credentials_sent_to.begin(), item.credentials_sent_to.end());
      item.outcome.credentials_source = it->second.credentials_source;
    }
    outcomes.push_back(std::move(item.outcome));
  }
  return outcomes;
}

} // namespace devk8s::adapters
