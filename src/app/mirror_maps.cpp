#include "app/mirror_maps.hpp"

#include "util/edit_distance.hpp"
#include "util/strings.hpp"

namespace devk8s::app {

namespace {

std::string stem_of(const std::string& path)
{
  std::string name = path.substr(path.rfind('/') + 1);
  return name.substr(0, name.find('.'));
}

util::Result<core::image::MirrorMap> load_file(ports::FileSystem& fs, const std::string& path, const std::string& hint)
{
  auto text = fs.read_file(path);
  if (!text) {
    return util::failure("cannot read mirror map: " + text.error().message, hint);
  }
  return core::image::parse_mirror_map(*text, path, stem_of(path));
}

} // namespace

util::Result<core::image::MirrorCatalog> load_catalog(ports::FileSystem& fs, const MirrorOptions& options,
                                                     std::vector<std::string>* from_files)
{
  DEVK8S_TRY(auto catalog, core::image::builtin_catalog());
  const std::string dir = options.config_dir.empty() ? std::string() : options.config_dir + "/mirrors";
  if (!dir.empty() && fs.kind(dir) == ports::FileKind::directory) {
    DEVK8S_TRY(auto files, fs.list_files(dir, {".yaml", ".yml"}));
    for (const auto& file : files) {
      DEVK8S_TRY(auto map, load_file(fs, file, "fix or remove the file in " + dir));
      catalog.add(std::move(map));
    }
  }
  for (const auto& file : options.mirror_files) {
    // A path the user typed that names no file is a usage error (exit 2), as for --ca-file.
    if (const auto kind = fs.kind(file); kind == ports::FileKind::missing || kind == ports::FileKind::directory) {
      return util::usage_error("--mirror-file " + util::quoted(file) +
                                   (kind == ports::FileKind::missing ? ": no such file" : ": is a directory, not a map file"),
                               "check the path given to --mirror-file");
    }
    DEVK8S_TRY(auto map, load_file(fs, file, "check the path given to --mirror-file"));
    if (from_files != nullptr) {
      from_files->push_back(map.name);
    }
    catalog.add(std::move(map));
  }
  return catalog;
}

util::Result<core::image::MirrorMap> choose_map(ports::FileSystem& fs, const MirrorOptions& options)
{
  std::vector<std::string> from_files;
  DEVK8S_TRY(auto catalog, load_catalog(fs, options, &from_files));
  std::string name = options.mirror;
  if (name.empty()) {
    name = options.default_mirror;
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

util::Result<std::optional<core::image::MirrorMap>> map_for_repository(ports::FileSystem& fs,
                                                                       const MirrorOptions& options,
                                                                       const std::string& repository)
{
  if (options.requested()) {
    DEVK8S_TRY(auto map, choose_map(fs, options));
    return std::optional<core::image::MirrorMap>(std::move(map));
  }
  if (repository.empty()) {
    return std::optional<core::image::MirrorMap>();
  }
  DEVK8S_TRY(auto catalog, load_catalog(fs, options));
  for (const auto& map : catalog.maps()) {
    if (map.minikube.image_repository == repository) {
      return std::optional<core::image::MirrorMap>(map);
    }
  }
  return std::optional<core::image::MirrorMap>();
}

} // namespace devk8s::app
