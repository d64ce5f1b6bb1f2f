// Rewriting the images of workloads in a manifest stream through a mirror map. The output is
// the input byte for byte except the rewritten values, which keep their quoting style.
#pragma once

#include "core/image/manifest_images.hpp"
#include "core/image/mirror_resolver.hpp"
#include "util/splice.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::image {

struct ImageChange {
  ImageField field;
  Resolution resolution;
};

struct RewriteResult {
  std::vector<ImageChange> changes;        ///< in stream order
  std::vector<util::Splice> splices;       ///< the byte edits, one per change
  std::vector<ManifestWarning> warnings;   ///< images left alone, and why
  std::size_t documents = 0;
  std::size_t images = 0;                  ///< image fields found, changed or not
};

/// Plans the rewrite of `text`. A YAML error anywhere fails the whole plan ("LINE:COL: why").
/// Apply with util::apply_splices(text, result.splices).
util::Result<RewriteResult> rewrite_manifest(std::string_view text, const MirrorMap& map);

} // namespace devk8s::core::image
