#include "cli/install_options.hpp"

#include "cli/kube_options.hpp"

namespace devk8s::cli {

util::Result<app::InstallOptions> with_install_environment(app::InstallOptions o, const Context& ctx)
{
  const Environment& env = ctx.env;
  if (o.dir.empty()) {
    const std::string home = env.get("HOME").value_or("");
    if (home.empty()) {
      return util::usage_error("no target directory: HOME is not set", "pass --dir DIR");
    }
    o.dir = home + "/.local/bin";
  }
  if (o.default_mirror.empty()) {
    o.default_mirror = env.get("DEVK8S_MIRROR").value_or("");
  }
  o.config_dir = user_config_dir(env);
  o.search_path = env.get("PATH").value_or("");
  o.kube = with_kube_environment(o.kube, ctx);
  return o;
}

} // namespace devk8s::cli
