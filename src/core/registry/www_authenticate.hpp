// Parsing the WWW-Authenticate header of a registry's 401 (RFC 7235 §4.1, and the Docker
// token flow: https://distribution.github.io/distribution/spec/auth/token/). Pure: text in,
// challenges out. Fetching a token is the registry adapter's job.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::registry {

struct Challenge {
  std::string scheme;                        ///< lower-cased: "basic", "bearer"
  std::map<std::string, std::string> params; ///< names lower-cased, values unquoted

  std::string param(const std::string& name) const;
  bool is_basic() const { return scheme == "basic"; }
  bool is_bearer() const { return scheme == "bearer"; }
};

/// Every challenge in the header, in order. A header may carry several
/// (`Basic realm="x", Bearer realm="y",service="z"`); malformed parts are skipped, so the
/// result may be empty.
std::vector<Challenge> parse_www_authenticate(std::string_view header);

/// The challenge devk8s answers: Bearer if offered (it scopes access), else Basic.
std::optional<Challenge> preferred_challenge(const std::vector<Challenge>& challenges);

} // namespace devk8s::core::registry
