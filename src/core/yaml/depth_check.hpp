// The nesting limit (util/nesting.hpp) for YAML read through yaml-cpp, which would otherwise
// walk a hostile file to its end and report only "bad file". Not a parser: it reads libyaml's
// events just far enough to find the first level past the limit.
#pragma once

#include "util/result.hpp"

#include <string_view>

namespace devk8s::core::yaml {

/// Fails with "LINE:COLUMN: nesting deeper than N levels" at the first collection past the
/// limit, and with "LINE:COLUMN: why" at a character YAML forbids (a NUL, a bad UTF-8 byte),
/// which yaml-cpp would not place. Any other syntax error passes: the caller's parser reports it
/// in its own words.
util::Result<void> check_depth(std::string_view text);

} // namespace devk8s::core::yaml
