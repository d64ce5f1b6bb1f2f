// Where a byte offset falls in a text, as "LINE:COLUMN" (1-based, columns in characters): for
// errors that a parser reports as an offset. Nothing devk8s-specific.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace devk8s::util {

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1; ///< in characters: UTF-8 continuation bytes do not count
};

/// The position of byte `offset` (clamped to the text's end). Lines end at '\n'.
TextPosition position_at(std::string_view text, std::size_t offset);

/// "LINE:COLUMN".
std::string to_string(const TextPosition& position);

} // namespace devk8s::util
