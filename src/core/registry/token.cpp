#include "core/registry/token.hpp"

#include "util/json_parse.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

namespace devk8s::core::registry {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d)
{
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count)
{
  if (at + count > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

} // namespace

std::optional<WallTime> parse_rfc3339(std::string_view t)
{
  const auto year = digits(t, 0, 4);
  const auto month = digits(t, 5, 2);
  const auto day = digits(t, 8, 2);
  const auto hour = digits(t, 11, 2);
  const auto minute = digits(t, 14, 2);
  const auto second = digits(t, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || t.size() < 20 || t[4] != '-' || t[7] != '-' ||
      (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' || t[16] != ':' || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  std::size_t i = 19;
  if (t[i] == '.') {
    do {
      ++i;
    } while (i < t.size() && t[i] >= '0' && t[i] <= '9');
  }
  long long offset = 0;
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) {
    offset = 0;
  } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':' && digits(t, i + 1, 2) &&
             digits(t, i + 4, 2)) {
    offset = (*digits(t, i + 1, 2) * 60LL + *digits(t, i + 4, 2)) * 60 * (t[i] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const long long days = days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const long long secs = days * 86400 + *hour * 3600LL + *minute * 60LL + *second - offset;
  // system_clock counts nanoseconds in 64 bits: years before 1677 or after 2262 do not fit, and a
  // time no token can carry is treated as absent rather than wrapped around (a fuzzer's find).
  const auto limit = std::chrono::duration_cast<std::chrono::seconds>(WallTime::duration::max()).count() - 1;
  if (secs > limit || secs < -limit) {
    return std::nullopt;
  }
  return WallTime(std::chrono::seconds(secs));
}

util::Result<Token> parse_token_response(std::string_view json, TimePoint now, std::optional<WallTime> wall_now)
{
  const auto parsed = util::parse_json(json);
  if (!parsed || !parsed->is_object()) {
    return util::failure("token service answer is not a JSON object" +
                         (parsed ? std::string() : ": " + parsed.error().message));
  }
  const nlohmann::json& j = *parsed;
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
  // The spec's default for an absent expires_in; a zero or negative one is no better. The cap
  // keeps `now + expires_in` far from overflowing (a registry once answered ~9e18), and a day is
  // longer than any real token lives (Docker Hub: 300 s).
  constexpr long long k_default_lifetime = 60;
  constexpr long long k_max_lifetime = 24 * 60 * 60;
  long long expires_in = k_default_lifetime;
  if (const auto it = j.find("expires_in"); it != j.end() && it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>(); // above LLONG_MAX would wrap negative as long long
    expires_in = value == 0 ? k_default_lifetime : static_cast<long long>(std::min<std::uint64_t>(value, k_max_lifetime));
  } else if (it != j.end() && it->is_number_integer()) {
    const auto value = it->get<long long>();
    expires_in = value <= 0 ? k_default_lifetime : std::min(value, k_max_lifetime);
  }
  if (const auto it = j.find("issued_at"); wall_now && it != j.end() && it->is_string()) {
    if (const auto issued = parse_rfc3339(it->get<std::string>()); issued && *issued < *wall_now) {
      const auto age = std::chrono::duration_cast<std::chrono::seconds>(*wall_now - *issued).count();
      expires_in = std::max(expires_in - age, 0LL);
    }
  }
  if (expires_in == 0) {
    token.expires = now; // already expired: usable for this request, never cached
    return token;
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


std::string token_url(const std::string& realm, const std::string& service, const std::string& scope)
{
  std::string url = realm;
  char sep = realm.find('?') == std::string::npos ? '?' : '&';
  if (!service.empty()) {
    url += sep + std::string("service=") + util::url_encode(service);
    sep = '&';
  }
  if (!scope.empty()) {
    url += sep + std::string("scope=") + util::url_encode(scope);
  }
  return url;
}

} // namespace devk8s::core::registry
