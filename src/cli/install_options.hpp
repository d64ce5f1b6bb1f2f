// What `devk8s install` and `devk8s start`'s offer to install take from the environment.
#pragma once

#include "app/install.hpp"
#include "cli/context.hpp"
#include "util/result.hpp"

namespace devk8s::cli {

/// The install directory (~/.local/bin unless --dir gave one), $DEVK8S_MIRROR as the download
/// source to prefer where one has that name, the user's download sources, PATH, the kubeconfig.
/// A usage error when there is no directory: HOME unset and no --dir.
util::Result<app::InstallOptions> with_install_environment(app::InstallOptions options, const Context& ctx);

} // namespace devk8s::cli
