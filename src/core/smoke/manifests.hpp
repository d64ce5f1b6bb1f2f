// smoke's manifests, compiled into the binary from manifests/smoke/*.yaml (cmake/embed_yaml.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace devk8s::core::smoke {

struct ManifestFile {
  std::string_view stem;   ///< "1-storage"
  std::string_view origin; ///< "manifests/smoke/1-storage.yaml", for messages
  std::string_view text;
};

const std::vector<ManifestFile>& smoke_manifest_files();

} // namespace devk8s::core::smoke
