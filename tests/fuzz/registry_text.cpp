// libFuzzer harness: what registries, Docker and the user hand the registry code
// (core/registry, util/base64, util/utf8). The first byte picks the parser ('0'…'5'):
//   0 WWW-Authenticate          3 --creds values and --creds-file
//   1 token service JSON, RFC 3339 times   4 error bodies, Retry-After, one_line()
//   2 ~/.docker/config.json and credential helper output   5 base64 (config.json's auths)
#include "core/registry/creds_option.hpp"
#include "core/registry/docker_config.hpp"
#include "core/registry/outcome.hpp"
#include "core/registry/retry_policy.hpp"
#include "core/registry/token.hpp"
#include "core/registry/www_authenticate.hpp"
#include "fuzz_support.hpp"
#include "util/base64.hpp"
#include "util/json_parse.hpp"
#include "util/utf8.hpp"

#include <cctype>
#include <chrono>
#include <set>
#include <string>

namespace registry = devk8s::core::registry;
using devk8s::fuzz::require;

namespace {

bool lower_case(const std::string& text)
{
  for (const char c : text) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) {
      return false;
    }
  }
  return true;
}

void www_authenticate(std::string_view text)
{
  const auto challenges = registry::parse_www_authenticate(text);
  for (const auto& challenge : challenges) {
    require(!challenge.scheme.empty() && lower_case(challenge.scheme), "a scheme is a lower-case word");
    for (const auto& [name, value] : challenge.params) {
      require(lower_case(name), "parameter names are lower-cased");
    }
  }
  const auto preferred = registry::preferred_challenge(challenges);
  require(!preferred || !challenges.empty(), "the preferred challenge is one of those offered");
  if (preferred && preferred->is_bearer()) {
    (void)registry::token_url(preferred->param("realm"), preferred->param("service"), "repository:x:pull");
  }
}

void rfc3339(std::string_view text)
{
  const auto parsed = registry::parse_rfc3339(text);
  if (!parsed || text.size() < 4) {
    return;
  }
  // The year written must be the year read, give or take a day's offset: an overflow in the
  // conversion to the clock's nanoseconds wraps to another century (issue #15, finding 2).
  int written = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    require(std::isdigit(static_cast<unsigned char>(text[i])) != 0, "an RFC 3339 time starts with the year");
    written = written * 10 + (text[i] - '0');
  }
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(*parsed)};
  const int read = static_cast<int>(day.year());
  require(read >= written - 1 && read <= written + 1, "parse_rfc3339 reads the year written");
}

void token(std::string_view text)
{
  rfc3339(text);
  const registry::TimePoint now{std::chrono::hours(1000)};
  const auto wall = registry::parse_rfc3339("2026-11-22T01:02:00Z");
  require(wall.has_value(), "the fixed wall time parses");
  for (const auto& wall_now : {std::optional<registry::WallTime>(), wall}) {
    const auto answer = registry::parse_token_response(text, now, wall_now);
    if (answer) {
      require(!answer->value.empty(), "a token is not empty");
      require(answer->expires >= now && answer->expires <= now + std::chrono::hours(24),
              "a token lives between 0 and 24 hours");
    }
  }
  // What a token's JSON string holds is also what issued_at may hold.
  if (const auto j = devk8s::util::parse_json(text); j && j->is_object()) {
    if (const auto it = j->find("issued_at"); it != j->end() && it->is_string()) {
      rfc3339(it->get<std::string>());
    }
  }
}

void docker_config(std::string_view text)
{
  if (const auto config = registry::parse_docker_config(text, "config.json")) {
    for (const char* host : {"docker.io", "gcr.io", "localhost:5000", "registry.cn-hangzhou.aliyuncs.com"}) {
      (void)registry::credential_source(*config, host);
    }
    for (const auto& [key, credentials] : config->auths) {
      (void)registry::registry_host(key);
      (void)registry::config_key(key);
    }
  }
  (void)registry::parse_helper_output(text, "fuzz");
}

void creds(std::string_view text)
{
  std::vector<registry::CredsOption> options;
  if (auto one = registry::parse_creds_option(text)) {
    options.push_back(*one);
  }
  if (auto file = registry::parse_creds_file(text, "creds.txt")) {
    options.insert(options.end(), file->begin(), file->end());
  }
  const std::set<std::string> unscoped = {"docker.io", "127.0.0.1:5000"};
  for (const char* host : {"docker.io", "127.0.0.1:5000", "gcr.io"}) {
    (void)registry::creds_for(options, host, unscoped);
  }
  if (const auto host = registry::registry_host(text)) {
    require(lower_case(*host), "a registry host is lower-cased");
    require(registry::registry_host(*host) == host, "registry_host is idempotent");
  }
}

void answers(std::string_view text)
{
  (void)registry::parse_error_body(text);
  if (const auto delay = registry::parse_retry_after(text)) {
    require(delay->count() >= 0, "Retry-After is not negative");
  }
  constexpr std::size_t k_max = 300;
  const std::string line = registry::one_line(text, k_max);
  require(line.size() <= k_max + std::string_view("…").size(), "one_line() is bounded");
  require(devk8s::util::utf8::is_valid(line), "one_line() is valid UTF-8");
  for (const char c : line) {
    require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "one_line() has no control characters");
  }
  const std::string clean = devk8s::util::utf8::sanitize(text);
  require(devk8s::util::utf8::is_valid(clean), "sanitize() gives valid UTF-8");
  (void)devk8s::util::utf8::display_width(text);
}

void base64(std::string_view text)
{
  if (const auto decoded = devk8s::util::base64_decode(text)) {
    const std::string encoded = devk8s::util::base64_encode(*decoded);
    require(devk8s::util::base64_decode(encoded) == decoded, "base64 decode(encode(x)) == x");
  }
  require(devk8s::util::base64_decode(devk8s::util::base64_encode(text)) == std::string(text),
          "base64 round trip of any bytes");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto [selector, text] = devk8s::fuzz::select(devk8s::fuzz::as_text(data, size), 6);
  switch (selector) {
  case 0: www_authenticate(text); break;
  case 1: token(text); break;
  case 2: docker_config(text); break;
  case 3: creds(text); break;
  case 4: answers(text); break;
  case 5: base64(text); break;
  default: break;
  }
  return 0;
}
