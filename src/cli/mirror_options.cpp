#include "cli/mirror_options.hpp"

#include "util/edit_distance.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

namespace devk8s::cli {

namespace {

std::string stem_of(const std::string& path)
{
  std::string name = path.substr(path.rfind('/') + 1);
  return name.substr(0, name.find('.'));
}

util::Result<core::image::MirrorMap> load_file(Context& ctx, const std::string& path, const std::string& hint)
{
  auto text = ctx.adapters.fs.read_file(path);
  if (!text) {
    return util::failure("cannot read mirror map: " + text.error().message, hint);
  }
  return core::image::parse_mirror_map(*text, path, stem_of(path));
}

} // namespace

void MirrorOptions::add_to(CLI::App& cmd)
{
  cmd.add_option("-m,--mirror", mirror, "Mirror map to use (see 'devk8s mirror list'; default: $DEVK8S_MIRROR)");
  cmd.add_option("--mirror-file", mirror_files, "Load a mirror map from FILE (repeatable)")->type_name("FILE");
}

std::string user_mirror_dir(const Environment& env)
{
  const auto xdg = env.get("XDG_CONFIG_HOME");
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg && !xdg->empty() && xdg->front() == '/') {
    return *xdg + "/devk8s/mirrors";
  }
  if (const auto home = env.get("HOME"); home && !home->empty()) {
    return *home + "/.config/devk8s/mirrors";
  }
  return {};
}

util::Result<core::image::MirrorCatalog> load_catalog(Context& ctx, const MirrorOptions& options,
                                                     std::vector<std::string>* from_files)
{
  DEVK8S_TRY(auto catalog, core::image::builtin_catalog());
  const std::string dir = user_mirror_dir(ctx.env);
  if (!dir.empty() && ctx.adapters.fs.kind(dir) == ports::FileKind::directory) {
    DEVK8S_TRY(auto files, ctx.adapters.fs.list_files(dir, {".yaml", ".yml"}));
    for (const auto& file : files) {
      DEVK8S_TRY(auto map, load_file(ctx, file, "fix or remove the file in " + dir));
      catalog.add(std::move(map));
    }
  }
  for (const auto& file : options.mirror_files) {
    // A path the user typed that names no file is a usage error (exit 2), as for --ca-file.
    if (const auto kind = ctx.adapters.fs.kind(file); kind == ports::FileKind::missing || kind == ports::FileKind::directory) {
      return util::usage_error("--mirror-file " + util::quoted(file) +
                                   (kind == ports::FileKind::missing ? ": no such file" : ": is a directory, not a map file"),
                               "check the path given to --mirror-file");
    }
    DEVK8S_TRY(auto map, load_file(ctx, file, "check the path given to --mirror-file"));
    if (from_files != nullptr) {
      from_files->push_back(map.name);
    }
    catalog.add(std::move(map));
  }
  return catalog;
}

bool map_requested(const Environment& env, const MirrorOptions& options)
{
  return !options.mirror.empty() || !options.mirror_files.empty() || !env.get("DEVK8S_MIRROR").value_or("").empty();
}

util::Result<core::image::MirrorMap> choose_map(Context& ctx, const MirrorOptions& options)
{
  std::vector<std::string> from_files;
  DEVK8S_TRY(auto catalog, load_catalog(ctx, options, &from_files));
  std::string name = options.mirror;
  if (name.empty()) {
    name = ctx.env.get("DEVK8S_MIRROR").value_or("");
  }
  if (name.empty() && from_files.size() == 1) {
    name = from_files.front();
  }
  if (name.empty()) {
    return util::usage_error("no mirror chosen: pass --mirror NAME (one of: " + util::join(catalog.names(), ", ") + ")",
                             "run 'devk8s mirror list' to see the maps");
  }
  if (const auto* map = catalog.find(name)) {
    return *map;
  }
  std::string message = "unknown mirror " + util::quoted(name);
  if (auto guess = util::nearest(name, catalog.names())) {
    message += " (did you mean " + util::quoted(*guess) + "?)";
  }
  return util::usage_error(message + ": known mirrors are " + util::join(catalog.names(), ", "),
                           "run 'devk8s mirror list', or add a map with --mirror-file FILE");
}

} // namespace devk8s::cli
