#include "core/registry/token.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace devk8s::core::registry {

util::Result<Token> parse_token_response(std::string_view json, TimePoint now)
{
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return util::failure("token service answer is not a JSON object");
  }
  Token token;
  for (const char* field : {"token", "access_token"}) {
    if (const auto it = j.find(field); it != j.end() && it->is_string() && !it->get<std::string>().empty()) {
      token.value = it->get<std::string>();
      break;
    }
  }
  if (token.value.empty()) {
    return util::failure("token service answer has no \"token\"");
  }
  long long expires_in = 60;
  if (const auto it = j.find("expires_in"); it != j.end() && it->is_number_integer()) {
    expires_in = std::max(it->get<long long>(), 1LL);
  }
  const long long margin = std::max(expires_in / 10, std::min(5LL, expires_in / 2));
  token.expires = now + std::chrono::seconds(expires_in - margin);
  return token;
}

std::optional<std::string> TokenCache::get(const std::string& registry, const std::string& scope, TimePoint now) const
{
  const auto it = m_tokens.find({registry, scope});
  if (it == m_tokens.end() || it->second.expires <= now) {
    return std::nullopt;
  }
  return it->second.value;
}

void TokenCache::put(const std::string& registry, const std::string& scope, Token token)
{
  m_tokens[{registry, scope}] = std::move(token);
}

} // namespace devk8s::core::registry

namespace devk8s::core::registry {

std::string url_encode(std::string_view text)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 0x0f];
    }
  }
  return out;
}

std::string token_url(const std::string& realm, const std::string& service, const std::string& scope)
{
  std::string url = realm;
  char sep = realm.find('?') == std::string::npos ? '?' : '&';
  if (!service.empty()) {
    url += sep + std::string("service=") + url_encode(service);
    sep = '&';
  }
  if (!scope.empty()) {
    url += sep + std::string("scope=") + url_encode(scope);
  }
  return url;
}

} // namespace devk8s::core::registry
