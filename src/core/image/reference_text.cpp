#include "core/image/reference_text.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cstdio>

namespace devk8s::core::image {

namespace {

// The length of the UTF-8 character at `i`, or 0 when the bytes there do not form one.
std::size_t utf8_length(std::string_view text, std::size_t i)
{
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  if (lead < 0x80) {
    length = 1;
  } else if (lead >= 0xC2 && lead < 0xE0) {
    length = 2;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

} // namespace

std::string quoted_reference(std::string_view text)
{
  std::string out;
  std::size_t start = 0;
  std::size_t i = 0;
  auto flush = [&](std::size_t end) {
    const std::string part = util::quoted(text.substr(start, end - start));
    out += part.substr(1, part.size() - 2);
  };
  while (i < text.size()) {
    const std::size_t length = utf8_length(text, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flush(i);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
    out += buf;
    start = ++i;
  }
  flush(i);
  return "\"" + out + "\"";
}

std::string quoted_character(std::string_view text, std::size_t i)
{
  return quoted_reference(text.substr(i, std::max<std::size_t>(utf8_length(text, i), 1)));
}

} // namespace devk8s::core::image
