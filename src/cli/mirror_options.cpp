#include "cli/mirror_options.hpp"

#include <CLI/CLI.hpp>

namespace devk8s::cli {

void add_mirror_flags(CLI::App& cmd, app::MirrorOptions& options)
{
  cmd.add_option("-m,--mirror", options.mirror, "Mirror map to use (see 'devk8s mirror list'; default: $DEVK8S_MIRROR)");
  cmd.add_option("--mirror-file", options.mirror_files, "Load a mirror map from FILE (repeatable)")->type_name("FILE");
}

app::MirrorOptions with_mirror_environment(app::MirrorOptions options, const Environment& env)
{
  options.default_mirror = env.get("DEVK8S_MIRROR").value_or("");
  options.config_dir = user_config_dir(env);
  return options;
}

} // namespace devk8s::cli
