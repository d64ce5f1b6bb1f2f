#include "core/registry/www_authenticate.hpp"

#include "util/strings.hpp"

namespace devk8s::core::registry {

namespace {

bool is_token_char(char c)
{
  // RFC 7230 §3.2.6 tchar, plus '/' and '=' as seen in token68 values.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~/").find(c) != std::string_view::npos;
}

void skip_space(std::string_view text, std::size_t& i)
{
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
    ++i;
  }
}

std::string read_token(std::string_view text, std::size_t& i)
{
  const std::size_t start = i;
  while (i < text.size() && is_token_char(text[i])) {
    ++i;
  }
  return std::string(text.substr(start, i - start));
}

// A quoted-string with backslash escapes; `i` is on the opening quote.
std::string read_quoted(std::string_view text, std::size_t& i)
{
  std::string value;
  ++i;
  while (i < text.size() && text[i] != '"') {
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
    }
    value += text[i++];
  }
  if (i < text.size()) {
    ++i; // the closing quote
  }
  return value;
}

} // namespace

std::string Challenge::param(const std::string& name) const
{
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::vector<Challenge> parse_www_authenticate(std::string_view header)
{
  std::vector<Challenge> challenges;
  std::size_t i = 0;
  while (i < header.size()) {
    skip_space(header, i);
    if (i < header.size() && header[i] == ',') {
      ++i;
      continue;
    }
    std::string word = read_token(header, i);
    if (word.empty()) {
      ++i; // an unexpected character: skip it rather than loop
      continue;
    }
    skip_space(header, i);
    if (i < header.size() && header[i] == '=' && !challenges.empty()) {
      // name=value: a parameter of the current challenge.
      ++i;
      skip_space(header, i);
      std::string value = (i < header.size() && header[i] == '"') ? read_quoted(header, i) : read_token(header, i);
      challenges.back().params[util::to_lower(word)] = std::move(value);
      continue;
    }
    challenges.push_back(Challenge{util::to_lower(word), {}});
  }
  return challenges;
}

std::optional<Challenge> preferred_challenge(const std::vector<Challenge>& challenges)
{
  for (const auto& c : challenges) {
    if (c.is_bearer() && !c.param("realm").empty()) {
      return c;
    }
  }
  for (const auto& c : challenges) {
    if (c.is_basic()) {
      return c;
    }
  }
  return std::nullopt;
}

} // namespace devk8s::core::registry
