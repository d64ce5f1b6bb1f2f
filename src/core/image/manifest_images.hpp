// Finding the image fields of workloads in a YAML or JSON manifest stream, with their exact
// byte spans, so they can be rewritten without touching anything else. Only container,
// initContainer and ephemeralContainer images of Pod, Deployment, StatefulSet, DaemonSet,
// ReplicaSet, ReplicationController, Job and CronJob objects (also inside List items) count;
// an `image:` key anywhere else (a ConfigMap, a CRD, Helm values) is not an image field.
#pragma once

#include "util/result.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::image {

enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };

struct ImageField {
  std::size_t begin = 0;    ///< byte offset of the scalar node, quotes or block indicator included
  std::size_t end = 0;      ///< byte offset just past it
  std::size_t line = 0;     ///< 1-based
  std::size_t column = 0;   ///< 1-based, in characters
  std::size_t document = 0; ///< 0-based index in the stream
  ScalarStyle style = ScalarStyle::plain;
  std::string value;        ///< the scalar's value as YAML reads it
  std::string kind;         ///< the workload's kind
  std::string name;         ///< the workload's metadata.name
  std::string container;    ///< the container's name
  std::string field;        ///< containers, initContainers or ephemeralContainers
};

/// Something worth telling the user that does not stop the rewrite.
struct ManifestWarning {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

struct ScanSummary {
  std::vector<ManifestWarning> warnings;
  std::size_t documents = 0;
  std::size_t images = 0;
};

/// Receives each image field as soon as its object is complete, in stream order. Large
/// streams are never held as a list of fields.
using ImageSink = std::function<void(ImageField&&)>;

/// Scans a whole stream. A YAML error anywhere fails the scan with "LINE:COLUMN: problem"
/// (1-based); the sink may have seen fields by then, so a caller acts only on success.
util::Result<ScanSummary> scan_manifest(std::string_view text, const ImageSink& sink);

struct ManifestScan {
  std::vector<ImageField> images; ///< in stream order
  std::vector<ManifestWarning> warnings;
  std::size_t documents = 0;
};

/// The same, collected: for small inputs and tests.
util::Result<ManifestScan> scan_manifest(std::string_view text);

} // namespace devk8s::core::image
