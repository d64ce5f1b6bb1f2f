// The download sources `devk8s install` chooses from: built in (mirrors/downloads.yaml), then
// the user's file (downloads.yaml in the user's devk8s config directory), then each
// --downloads-file; a later source replaces an earlier one of the same name.
#pragma once

#include "core/install/download_sources.hpp"
#include "ports/file_system.hpp"
#include "util/result.hpp"

#include <string>
#include <vector>

namespace devk8s::app {

/// `config_dir`: the user's devk8s config directory ("" for none); `files`: --downloads-file.
util::Result<core::install::SourceCatalog> load_sources(ports::FileSystem& fs, const std::string& config_dir,
                                                        const std::vector<std::string>& files);

/// The platform this binary runs on, in release-file words (linux, amd64/arm64).
core::install::Platform host_platform();

} // namespace devk8s::app
