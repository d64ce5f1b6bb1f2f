// What a YAML scalar is once Kubernetes reads it: sigs.k8s.io/yaml decodes with go-yaml v2
// (YAML 1.1 resolution), so a plain `42`, `yes` or `~` is a number, a boolean or null, never the
// string a field such as a container's image needs. Not a YAML parser: it types one scalar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::yaml {

/// nullopt for a string; else what it is instead, for a message: "a number", "a boolean",
/// "null", or "tagged !!int"-style for an explicit tag other than !!str. `tag` is the
/// scalar's resolved tag ("tag:yaml.org,2002:int", "!"), empty when it has none; `plain` is
/// false for quoted and block scalars, which are always strings.
std::optional<std::string> non_string_scalar(std::string_view value, bool plain, std::string_view tag);

} // namespace devk8s::core::yaml
