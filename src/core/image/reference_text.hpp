// How an image reference that failed to parse is shown in a message: quoted, with every byte
// that is not part of a UTF-8 character escaped, so an error never prints half a character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace devk8s::core::image {

/// "redis\xc3" for the bytes r e d i s 0xC3; whole characters ("é") and control escapes as
/// util::quoted gives them.
std::string quoted_reference(std::string_view text);

/// The character at byte `i`, quoted the same way: a whole UTF-8 character, or one escaped byte.
std::string quoted_character(std::string_view text, std::size_t i);

} // namespace devk8s::core::image
