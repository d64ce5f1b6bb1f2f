// --mirror and --mirror-file, shared by every command that resolves images; app/mirror_maps.hpp
// loads the maps they choose from.
#pragma once

#include "app/mirror_maps.hpp"
#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace devk8s::cli {

void add_mirror_flags(CLI::App& cmd, app::MirrorOptions& options);

/// `options` with DEVK8S_MIRROR and the user's config directory from the environment.
app::MirrorOptions with_mirror_environment(app::MirrorOptions options, const Environment& env);

} // namespace devk8s::cli
