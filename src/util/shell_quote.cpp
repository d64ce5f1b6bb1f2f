#include "util/shell_quote.hpp"

namespace devk8s::util {

namespace {

bool is_safe(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '/' || c == ':' || c == '@' || c == '=' || c == ',' || c == '+' ||
         c == '%';
}

} // namespace

std::string shell_quote(std::string_view word)
{
  if (!word.empty()) {
    bool safe = true;
    for (char c : word) {
      safe = safe && is_safe(c);
    }
    if (safe) {
      return std::string(word);
    }
  }
  // Inside single quotes nothing is special except the quote itself, which must end the
  // quoted run, be escaped, and reopen it.
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string shell_join(const std::vector<std::string>& argv)
{
  std::string out;
  for (const auto& word : argv) {
    if (!out.empty()) {
      out += ' ';
    }
    out += shell_quote(word);
  }
  return out;
}

} // namespace devk8s::util
