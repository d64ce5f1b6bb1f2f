#include "core/doctor/pull_error.hpp"

#include <array>
#include <utility>

namespace devk8s::core::doctor {

std::string_view to_string(PullError kind)
{
  switch (kind) {
  case PullError::not_found:
    return "not found";
  case PullError::denied:
    return "denied";
  case PullError::unauthorized:
    return "unauthorized";
  case PullError::rate_limited:
    return "rate-limited";
  case PullError::unreachable:
    return "unreachable";
  case PullError::invalid_name:
    return "invalid name";
  case PullError::unknown:
    return "unknown";
  }
  return "unknown";
}

PullError classify_pull_error(std::string_view message)
{
  // In order: Docker Hub's 429 also says "denied"-like things; a 401 body may say "not found".
  static constexpr std::array<std::pair<std::string_view, PullError>, 22> patterns = {{
      {"toomanyrequests", PullError::rate_limited},
      {"rate limit", PullError::rate_limited},
      {"InvalidImageName", PullError::invalid_name},
      {"invalid reference format", PullError::invalid_name},
      {"unauthorized: ", PullError::unauthorized},
      {"authentication required", PullError::unauthorized},
      {"pull access denied", PullError::denied},
      {"insufficient_scope", PullError::denied},
      {"requested access to the resource is denied", PullError::denied},
      {"manifest unknown", PullError::not_found},
      {"code = NotFound", PullError::not_found},
      {": not found", PullError::not_found},
      {"not found: manifest", PullError::not_found},
      {"i/o timeout", PullError::unreachable},
      {"Client.Timeout exceeded", PullError::unreachable},
      {"request canceled while waiting for connection", PullError::unreachable},
      {"no such host", PullError::unreachable},
      {"connection refused", PullError::unreachable},
      {"TLS handshake timeout", PullError::unreachable},
      {"x509: ", PullError::unreachable},
      {"error pinging docker registry", PullError::unreachable},
      {"dial tcp", PullError::unreachable},
  }};
  for (const auto& [pattern, kind] : patterns) {
    if (message.find(pattern) != std::string_view::npos) {
      return kind;
    }
  }
  return PullError::unknown;
}

} // namespace devk8s::core::doctor
