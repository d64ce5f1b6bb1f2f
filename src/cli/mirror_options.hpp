// The mirror flags shared by every command that resolves images (--mirror, --mirror-file),
// and building the catalog they choose from: built-in maps, then the user's directory
// ($XDG_CONFIG_HOME/devk8s/mirrors or ~/.config/devk8s/mirrors), then --mirror-file.
#pragma once

#include "cli/context.hpp"
#include "core/image/mirror_map.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace devk8s::cli {

struct MirrorOptions {
  std::string mirror;
  std::vector<std::string> mirror_files;

  /// Adds --mirror and --mirror-file to `cmd`.
  void add_to(CLI::App& cmd);
};

/// The user's map directory, or "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string user_mirror_dir(const Environment& env);

/// `from_files`, if given, receives the names of the maps that --mirror-file loaded.
util::Result<core::image::MirrorCatalog> load_catalog(Context& ctx, const MirrorOptions& options,
                                                     std::vector<std::string>* from_files = nullptr);

/// Whether the user asked for a map at all (--mirror, --mirror-file or DEVK8S_MIRROR): commands
/// for which a map is optional, such as `mirror check`, ask this before choose_map.
bool map_requested(const Environment& env, const MirrorOptions& options);

/// The map the user chose: --mirror, else DEVK8S_MIRROR, else the single --mirror-file map.
util::Result<core::image::MirrorMap> choose_map(Context& ctx, const MirrorOptions& options);

} // namespace devk8s::cli
