#include "core/image/manifest_rewriter.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace devk8s::core::image {

namespace {

// The new node text, in the style the old one was written in. Image references need no
// escaping in any style (the grammar has no quote, backslash, '#', ': ' or flow indicator).
std::optional<std::string> replacement(std::string_view node, const ImageField& field, const std::string& value)
{
  switch (field.style) {
  case ScalarStyle::plain:
    return value;
  case ScalarStyle::single_quoted:
    return "'" + value + "'";
  case ScalarStyle::double_quoted:
    return "\"" + value + "\"";
  case ScalarStyle::literal:
  case ScalarStyle::folded: {
    // Keep the header and indentation; swap the one content line holding the reference.
    std::string_view old_value = field.value;
    while (!old_value.empty() && old_value.back() == '\n') {
      old_value.remove_suffix(1);
    }
    const std::size_t header_end = node.find('\n');
    if (old_value.empty() || header_end == std::string_view::npos) {
      return std::nullopt;
    }
    const std::size_t at = node.find(old_value, header_end);
    if (at == std::string_view::npos || node.find(old_value, at + 1) != std::string_view::npos) {
      return std::nullopt;
    }
    std::string out(node);
    out.replace(at, old_value.size(), value);
    return out;
  }
  }
  return std::nullopt;
}

} // namespace

util::Result<RewriteSummary> rewrite_manifest(std::string_view text, const MirrorMap& map, const ChangeSink& sink)
{
  RewriteSummary summary;
  // Streams repeat a handful of images thousands of times: parse and resolve each value once,
  // keeping the parse error for values that are not references.
  struct Resolved {
    std::optional<Resolution> resolution;
    std::string error;
  };
  std::unordered_map<std::string, Resolved> cache;
  auto on_image = [&](ImageField&& field) {
    auto [it, inserted] = cache.try_emplace(field.value);
    if (inserted) {
      if (auto ref = ImageRef::parse(field.value)) {
        it->second.resolution = resolve(*ref, map);
      } else {
        it->second.error = ref.error().message;
      }
    }
    if (!it->second.resolution) {
      summary.warnings.push_back(
          ManifestWarning{field.line, field.column, "invalid image reference " + it->second.error + "; left as is"});
      return;
    }
    const Resolution& resolution = *it->second.resolution;
    if (!resolution.changed()) {
      return;
    }
    const std::string_view node = text.substr(field.begin, field.end - field.begin);
    auto text_for_node = replacement(node, field, resolution.chosen().str());
    if (!text_for_node) {
      summary.warnings.push_back(ManifestWarning{field.line, field.column,
                                                 "image in a block scalar that cannot be edited in place; left as is"});
      return;
    }
    ++summary.changes;
    sink(ImageChange{field, resolution, util::Splice{field.begin, field.end, std::move(*text_for_node)}});
  };
  DEVK8S_TRY(ScanSummary scan, scan_manifest(text, on_image));
  summary.documents = scan.documents;
  summary.images = scan.images;
  // Scanner warnings (aliases) and rewrite warnings (invalid references) in line order.
  summary.warnings.insert(summary.warnings.end(), scan.warnings.begin(), scan.warnings.end());
  std::stable_sort(summary.warnings.begin(), summary.warnings.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return summary;
}

util::Result<RewriteResult> rewrite_manifest(std::string_view text, const MirrorMap& map)
{
  RewriteResult result;
  DEVK8S_TRY(RewriteSummary summary, rewrite_manifest(text, map, [&result](ImageChange&& change) {
    result.changes.push_back(OwnedChange{change.field, change.resolution});
    result.splices.push_back(std::move(change.splice));
  }));
  result.warnings = std::move(summary.warnings);
  result.documents = summary.documents;
  result.images = summary.images;
  return result;
}

} // namespace devk8s::core::image
