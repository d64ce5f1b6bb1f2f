// Parsing JSON that comes from outside (Docker's config, registry and token answers, the
// Kubernetes API, tools' -o json) within util/nesting.hpp's depth limit, with errors that say
// where: "LINE:COLUMN: why". Callers add what was being read.
#pragma once

#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace devk8s::util {

/// The parsed value, or "LINE:COLUMN: why" (nesting too deep, or nlohmann's syntax error).
/// The depth is checked before parsing, so a hostile answer costs one pass over its bytes.
Result<nlohmann::json> parse_json(std::string_view text);

} // namespace devk8s::util
