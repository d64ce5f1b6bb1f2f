// Bearer tokens from a registry's token service (https://distribution.github.io/distribution/spec/auth/token/):
// decoding the answer and caching tokens per registry and scope until they expire. Pure: the
// current time is always passed in.
#pragma once

#include "util/result.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::registry {

using TimePoint = std::chrono::steady_clock::time_point;

struct Token {
  std::string value;
  TimePoint expires;
};

/// Decodes `{"token":…,"access_token":…,"expires_in":…,"issued_at":…}`. `token` wins over
/// `access_token`; `expires_in` defaults to 60 s (the spec's minimum). The token is treated
/// as expiring 10% early (at least 5 s), so a request never leaves with a token about to lapse.
/// `issued_at` is not used: it is wall-clock time and `now` is steady time, and the answer
/// has just arrived anyway.
util::Result<Token> parse_token_response(std::string_view json, TimePoint now);

class TokenCache {
public:
  std::optional<std::string> get(const std::string& registry, const std::string& scope, TimePoint now) const;
  void put(const std::string& registry, const std::string& scope, Token token);

private:
  std::map<std::pair<std::string, std::string>, Token> m_tokens;
};

} // namespace devk8s::core::registry

namespace devk8s::core::registry {

/// The token request URL for a Bearer challenge: realm?service=…&scope=… (query values
/// percent-encoded, RFC 3986 unreserved kept).
std::string token_url(const std::string& realm, const std::string& service, const std::string& scope);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

} // namespace devk8s::core::registry
