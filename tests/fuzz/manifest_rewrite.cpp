// libFuzzer harness: the manifest rewriter (core/image/manifest_rewriter) on any YAML or JSON
// stream, through the built-in "cn" map, with the invariants `mirror rewrite` relies on: an
// empty map leaves the bytes identical; edits are in bounds, sorted and disjoint; the output
// parses, with the same documents and image fields; a second pass changes nothing.
#include "core/image/manifest_rewriter.hpp"
#include "core/image/mirror_map.hpp"
#include "fuzz_support.hpp"
#include "util/splice.hpp"

#include <string>

namespace image = devk8s::core::image;
using devk8s::fuzz::require;

namespace {

const image::MirrorMap& cn_map()
{
  static const image::MirrorMap map = [] {
    auto catalog = image::builtin_catalog();
    require(catalog.has_value(), "the built-in catalog decodes");
    const auto* cn = catalog->find("cn");
    require(cn != nullptr, "the built-in catalog has \"cn\"");
    return *cn;
  }();
  return map;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = devk8s::fuzz::as_text(data, size);

  const image::MirrorMap empty;
  const auto untouched = image::rewrite_manifest(text, empty);
  if (untouched) {
    require(untouched->splices.empty() && untouched->changes.empty(), "an empty map changes nothing");
    require(devk8s::util::apply_splices(text, untouched->splices) == text, "an empty map leaves the bytes identical");
  }

  const auto first = image::rewrite_manifest(text, cn_map());
  require(first.has_value() == untouched.has_value(), "whether a stream parses does not depend on the map");
  if (!first) {
    require(!first.error().message.empty(), "a YAML error says where and why");
    return 0;
  }
  require(first->documents == untouched->documents && first->images == untouched->images,
          "the map does not change what is found");
  require(first->splices.size() == first->changes.size(), "one splice per change");
  std::size_t previous_end = 0;
  for (const auto& splice : first->splices) {
    require(splice.begin <= splice.end && splice.end <= text.size(), "an edit is in bounds");
    require(splice.begin >= previous_end, "edits are sorted and do not overlap");
    previous_end = splice.end;
  }

  const std::string output = devk8s::util::apply_splices(text, first->splices);
  if (!first->splices.empty()) {
    (void)devk8s::util::unified_diff(text, first->splices, "a/fuzz.yaml", "b/fuzz.yaml");
  }
  const auto second = image::rewrite_manifest(output, cn_map());
  require(second.has_value(), "the rewritten stream parses");
  require(second->documents == first->documents, "the rewritten stream has the same documents");
  require(second->images == first->images, "the rewritten stream has the same image fields");
  require(devk8s::util::apply_splices(output, second->splices) == output, "a second pass changes nothing");
  return 0;
}
