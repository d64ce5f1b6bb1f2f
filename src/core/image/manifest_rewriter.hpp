// Rewriting the images of workloads in a manifest stream through a mirror map. The output is
// the input byte for byte except the rewritten values, which keep their quoting style.
#pragma once

#include "core/image/manifest_images.hpp"
#include "core/image/mirror_resolver.hpp"
#include "util/splice.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::image {

/// One rewritten image: where it is, how it was resolved, and the byte edit.
struct ImageChange {
  const ImageField& field;
  const Resolution& resolution;
  util::Splice splice;
};

using ChangeSink = std::function<void(ImageChange&&)>;

struct RewriteSummary {
  std::vector<ManifestWarning> warnings; ///< images left alone, and why
  std::size_t documents = 0;
  std::size_t images = 0;                ///< image fields found, changed or not
  std::size_t changes = 0;
};

/// Plans the rewrite of `text`, handing each change to `sink` in stream order. A YAML error
/// anywhere fails the whole plan ("LINE:COL: why"); act on what the sink saw only on success.
util::Result<RewriteSummary> rewrite_manifest(std::string_view text, const MirrorMap& map, const ChangeSink& sink);

/// A change kept whole, for small inputs and tests.
struct OwnedChange {
  ImageField field;
  Resolution resolution;
};

struct RewriteResult {
  std::vector<OwnedChange> changes;
  std::vector<util::Splice> splices; ///< one per change; apply with util::apply_splices
  std::vector<ManifestWarning> warnings;
  std::size_t documents = 0;
  std::size_t images = 0;
};

util::Result<RewriteResult> rewrite_manifest(std::string_view text, const MirrorMap& map);

} // namespace devk8s::core::image
