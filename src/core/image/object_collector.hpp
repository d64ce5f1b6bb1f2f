// What the manifest scanner found inside each object (a document, or a List's item), held until
// the object ends and its kind says whether containers live where they were found: a Pod's at
// spec, a Deployment's at spec.template.spec. Accepted images go to the sink in stream order;
// accepted warnings to the summary. Internal to the scanner (manifest_images.cpp).
#pragma once

#include "core/image/manifest_images.hpp"
#include "core/image/workload_paths.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::image {

class ObjectCollector {
public:
  ObjectCollector(const ImageSink& sink, ScanSummary& scan) : m_sink(sink), m_scan(scan) {}

  void begin() { m_objects.emplace_back(); } ///< an object starts (it may be inside another)
  void end();                                ///< the innermost object ends: accept what fits its kind
  void clear() { m_objects.clear(); }        ///< a new document

  void set_kind(std::string kind) { m_objects.back().kind = std::move(kind); }
  void set_name(std::string name) { m_objects.back().name = std::move(name); }
  void add_image(ImageField&& field, Shape shape);
  /// A container image left alone; nullopt: wherever the object's kind keeps containers.
  void add_warning(ManifestWarning&& warning, std::optional<Shape> shape);

private:
  struct PendingImage {
    ImageField field;
    Shape shape = Shape::pod;
  };
  struct PendingWarning {
    ManifestWarning warning;
    std::optional<Shape> shape;
  };
  struct Object {
    std::string kind;
    std::string name;
    std::vector<PendingImage> own;
    std::vector<PendingWarning> own_warnings;
    std::vector<ImageField> from_items; // accepted in List items, kept if this is a List
    std::vector<ManifestWarning> warnings_from_items;
  };

  const ImageSink& m_sink;
  ScanSummary& m_scan;
  std::vector<Object> m_objects;
};

} // namespace devk8s::core::image
