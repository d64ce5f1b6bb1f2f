#include "core/yaml/schema_problems.hpp"

#include "core/yaml/depth_check.hpp"
#include "util/edit_distance.hpp"
#include "util/nesting.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>

namespace devk8s::core::yaml {

util::Result<YAML::Node> load_document(std::string_view text, const std::string& origin, const std::string& hint)
{
  if (auto ok = check_depth(text); !ok) {
    return util::failure(origin + ":" + ok.error().message, hint);
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // Only where libyaml stopped at a syntax error yaml-cpp accepts: the same limit, in words.
    return util::failure(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                             ": " + util::nesting_too_deep(),
                         hint);
  } catch (const YAML::Exception& e) {
    return util::failure(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                             ": invalid YAML: " + e.msg,
                         hint);
  }
}

void Problems::add(int line, const std::string& message)
{
  line = std::max(line, 1);
  m_lines.emplace_back(line, m_origin + ":" + std::to_string(line) + ": " + message);
}

util::Error Problems::error() const
{
  auto lines = m_lines;
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> text;
  for (const auto& [line, message] : lines) {
    text.push_back(message);
  }
  return util::failure(util::join(text, "\n"), m_hint);
}

void check_fields(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where,
                  Problems& problems)
{
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      continue;
    }
    std::string message = "unknown field " + util::quoted(key) + " in " + where;
    if (auto guess = util::nearest(key, allowed)) {
      message += " (did you mean " + util::quoted(*guess) + "?)";
    } else {
      message += " (fields: " + util::join(allowed, ", ") + ")";
    }
    problems.add(entry.first, message);
  }
}

std::optional<std::string> scalar(const YAML::Node& node, const std::string& field, Problems& problems)
{
  if (!node.IsScalar()) {
    problems.add(node, util::quoted(field) + " must be a string");
    return std::nullopt;
  }
  return node.Scalar();
}

} // namespace devk8s::core::yaml
