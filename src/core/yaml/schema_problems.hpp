// Validating a YAML data file against a schema the way every devk8s loader reports it: every
// problem, one line each, `<origin>:<line>: <problem>`, in file order, with a did-you-mean for
// unknown fields. Used by the mirror-map and download-source loaders.
#pragma once

#include "util/result.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace devk8s::core::yaml {

/// Parses `text` as one YAML document; a syntax error is "<origin>:LINE:COLUMN: invalid YAML: why",
/// nesting past util::k_max_nesting "<origin>:LINE:COLUMN: nesting deeper than N levels".
util::Result<YAML::Node> load_document(std::string_view text, const std::string& origin, const std::string& hint);

class Problems {
public:
  Problems(std::string origin, std::string hint) : m_origin(std::move(origin)), m_hint(std::move(hint)) {}

  void add(const YAML::Node& at, const std::string& message) { add(at.Mark().line + 1, message); }
  void add(int line, const std::string& message);
  bool empty() const { return m_lines.empty(); }
  /// Every problem, sorted by line, as one Error (one line per problem).
  util::Error error() const;

private:
  std::string m_origin;
  std::string m_hint;
  std::vector<std::pair<int, std::string>> m_lines;
};

/// Reports every key of `map` not in `allowed`, suggesting the nearest allowed one.
void check_fields(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where,
                  Problems& problems);

/// The node's text, or a problem if it is not a scalar.
std::optional<std::string> scalar(const YAML::Node& node, const std::string& field, Problems& problems);

} // namespace devk8s::core::yaml
