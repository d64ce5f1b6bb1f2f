// The mirror maps a command chooses from: built in, then the user's directory (mirrors/ in the
// user's devk8s config directory), then --mirror-file; and the one map the user chose.
#pragma once

#include "core/image/mirror_map.hpp"
#include "ports/file_system.hpp"
#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct MirrorOptions {
  std::string mirror;                    ///< --mirror
  std::vector<std::string> mirror_files; ///< --mirror-file
  std::string default_mirror;            ///< $DEVK8S_MIRROR, as the CLI found it
  std::string config_dir;                ///< the user's devk8s config directory, "" for none

  /// Whether the user asked for a map at all (--mirror, --mirror-file or DEVK8S_MIRROR): commands
  /// for which a map is optional, such as `mirror check` and `preflight`, ask this before choose_map.
  bool requested() const { return !mirror.empty() || !mirror_files.empty() || !default_mirror.empty(); }
};

/// `from_files`, if given, receives the names of the maps that --mirror-file loaded.
util::Result<core::image::MirrorCatalog> load_catalog(ports::FileSystem& fs, const MirrorOptions& options,
                                                     std::vector<std::string>* from_files = nullptr);

/// The map the user chose: --mirror, else DEVK8S_MIRROR, else the single --mirror-file map.
util::Result<core::image::MirrorMap> choose_map(ports::FileSystem& fs, const MirrorOptions& options);

/// For a cluster started with `--image-repository REPOSITORY` (a minikube profile's): the map the
/// user chose if any, else the one whose minikube image-repository is REPOSITORY, else none.
util::Result<std::optional<core::image::MirrorMap>> map_for_repository(ports::FileSystem& fs,
                                                                       const MirrorOptions& options,
                                                                       const std::string& repository);

} // namespace devk8s::app
