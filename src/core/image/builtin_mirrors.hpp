// The mirror maps compiled into the binary from mirrors/*.yaml (cmake/embed_mirrors.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace devk8s::core::image {

struct BuiltinMirrorFile {
  std::string_view stem;   ///< "cn"
  std::string_view origin; ///< "mirrors/cn.yaml", for messages
  std::string_view text;
};

const std::vector<BuiltinMirrorFile>& builtin_mirror_files();

/// mirrors/downloads.yaml holds download sources (core/install/download_sources.hpp), not a map.
inline constexpr std::string_view k_downloads_stem = "downloads";

} // namespace devk8s::core::image
