// The download sources `devk8s install` chooses from: built in (mirrors/downloads.yaml), then
// the user's file ($XDG_CONFIG_HOME/devk8s/downloads.yaml or ~/.config/devk8s/downloads.yaml),
// then each --downloads-file; a later source replaces an earlier one of the same name.
#pragma once

#include "cli/context.hpp"
#include "core/install/download_sources.hpp"

#include <string>
#include <vector>

namespace devk8s::cli {

/// The user's downloads file, or "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string user_downloads_file(const Environment& env);

util::Result<core::install::SourceCatalog> load_sources(Context& ctx, const std::vector<std::string>& files);

/// The platform this binary runs on, in release-file words (linux, amd64/arm64).
core::install::Platform host_platform();

} // namespace devk8s::cli
