#include "util/base64.hpp"

namespace devk8s::util {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

} // namespace

std::optional<std::string> base64_decode(std::string_view text)
{
  std::string symbols;
  symbols.reserve(text.size());
  for (const char c : text) {
    if (c != '\r' && c != '\n') {
      symbols += c;
    }
  }
  if (symbols.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(symbols.size() / 4 * 3);
  for (std::size_t q = 0; q < symbols.size(); q += 4) {
    const bool last = q + 4 == symbols.size();
    unsigned int buffer = 0;
    std::size_t used = 4;
    for (std::size_t i = 0; i < 4; ++i) {
      const char c = symbols[q + i];
      if (c == '=') {
        // Padding: only in the last quantum, after at least two symbols, and to its end ("QQ==", "QUI=").
        if (!last || i < 2 || (i == 2 && symbols[q + 3] != '=')) {
          return std::nullopt;
        }
        used = i;
        break;
      }
      const auto pos = k_alphabet.find(c);
      if (pos == std::string_view::npos) {
        return std::nullopt;
      }
      buffer |= static_cast<unsigned int>(pos) << (18 - 6 * i);
    }
    out += static_cast<char>((buffer >> 16) & 0xffu);
    if (used > 2) {
      out += static_cast<char>((buffer >> 8) & 0xffu);
    }
    if (used > 3) {
      out += static_cast<char>(buffer & 0xffu);
    }
  }
  return out;
}

std::string base64_encode(std::string_view data)
{
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (const char c : data) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += k_alphabet[(buffer >> bits) & 0x3fu];
    }
  }
  if (bits > 0) {
    out += k_alphabet[(buffer << (6 - bits)) & 0x3fu];
  }
  while (out.size() % 4 != 0) {
    out += '=';
  }
  return out;
}

} // namespace devk8s::util
