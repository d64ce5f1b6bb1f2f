#include "util/text_position.hpp"

#include <algorithm>

namespace devk8s::util {

TextPosition position_at(std::string_view text, std::size_t offset)
{
  offset = std::min(offset, text.size());
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

std::string to_string(const TextPosition& position)
{
  return std::to_string(position.line) + ":" + std::to_string(position.column);
}

} // namespace devk8s::util
