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

using WallTime = std::chrono::system_clock::time_point;

/// Decodes `{"token":…,"access_token":…,"expires_in":…,"issued_at":…}`. `token` wins over
/// `access_token`; an absent, zero or negative `expires_in` means 60 s (the spec's default), and
/// more than 24 h counts as 24 h (no overflow on a wild value). When `issued_at` (RFC 3339)
/// and `wall_now` are both given, a token issued earlier (handed on by a proxy, or a server
/// clock ahead of ours is ignored) lives only what is left of its lifetime. The token is treated
/// as expiring 10% early (at least 5 s), so a request never leaves with a token about to lapse.
/// `now` is steady time for the cache; `wall_now` only reads `issued_at`.
util::Result<Token> parse_token_response(std::string_view json, TimePoint now,
                                         std::optional<WallTime> wall_now = std::nullopt);

/// Parses an RFC 3339 date-time ("2026-11-22T01:00:00Z", "…T01:00:00.123+08:00").
std::optional<WallTime> parse_rfc3339(std::string_view text);

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


} // namespace devk8s::core::registry
