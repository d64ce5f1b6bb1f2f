// Parsing JSON that comes from outside (Docker's config, registry and token answers, the
// Kubernetes API, tools' -o json) within util/nesting.hpp's depth limit, with errors that say
// where: "LINE:COLUMN: why". Callers add what was being read.
#pragma once

#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <string_view>

namespace devk8s::util {

/// The parsed value, or "LINE:COLUMN: why" (nesting too deep, or nlohmann's syntax error).
/// The depth is checked before parsing, so a hostile answer costs one pass over its bytes.
Result<nlohmann::json> parse_json(std::string_view text);

/// Like parse_json, for a document with a large top-level "items" array (a Kubernetes list): each
/// object in it goes to `item` as soon as it is parsed and is left out of the returned document,
/// so a list is never held as one tree (a tree costs ~6 times its JSON). Members named in `drop`
/// are left out at every depth below the top (metadata.managedFields: a third of a real pod's
/// bytes, read by no devk8s analyzer). Items already handed over stay handed over when a later
/// byte turns out to be malformed: the caller discards them on an error.
Result<nlohmann::json> parse_json_list(std::string_view text, const std::function<void(nlohmann::json&&)>& item,
                                       std::initializer_list<std::string_view> drop = {});

} // namespace devk8s::util
