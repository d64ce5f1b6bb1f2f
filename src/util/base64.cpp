#include "util/base64.hpp"

namespace devk8s::util {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

} // namespace

std::optional<std::string> base64_decode(std::string_view text)
{
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') {
      break;
    }
    const auto pos = k_alphabet.find(c);
    if (pos == std::string_view::npos) {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<unsigned int>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xffu);
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
