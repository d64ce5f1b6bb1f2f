#include "app/download_sources.hpp"

#include "core/image/builtin_mirrors.hpp"
#include "util/strings.hpp"

namespace devk8s::app {

namespace {

util::Result<void> add_file(ports::FileSystem& fs, core::install::SourceCatalog& catalog, const std::string& path,
                            const std::string& hint)
{
  auto text = fs.read_file(path);
  if (!text) {
    return util::failure("cannot read download sources: " + text.error().message, hint);
  }
  DEVK8S_TRY(auto sources, core::install::parse_download_sources(*text, path));
  for (auto& source : sources) {
    catalog.add(std::move(source));
  }
  return {};
}

} // namespace

util::Result<core::install::SourceCatalog> load_sources(ports::FileSystem& fs, const std::string& config_dir,
                                                        const std::vector<std::string>& files)
{
  core::install::SourceCatalog catalog;
  for (const auto& file : core::image::builtin_mirror_files()) {
    if (file.stem != core::image::k_downloads_stem) {
      continue;
    }
    DEVK8S_TRY(auto sources, core::install::parse_download_sources(file.text, std::string(file.origin)));
    for (auto& source : sources) {
      catalog.add(std::move(source));
    }
  }
  const std::string user = config_dir.empty() ? std::string() : config_dir + "/downloads.yaml";
  if (!user.empty() && fs.kind(user) == ports::FileKind::regular) {
    if (auto added = add_file(fs, catalog, user, "fix or remove " + user); !added) {
      return added.error();
    }
  }
  for (const auto& file : files) {
    // A path the user typed that names no file is a usage error (exit 2), as for --mirror-file.
    if (const auto kind = fs.kind(file); kind == ports::FileKind::missing || kind == ports::FileKind::directory) {
      return util::usage_error("--downloads-file " + util::quoted(file) +
                                   (kind == ports::FileKind::missing ? ": no such file" : ": is a directory, not a file"),
                               "check the path given to --downloads-file");
    }
    if (auto added = add_file(fs, catalog, file, "check the path given to --downloads-file"); !added) {
      return added.error();
    }
  }
  return catalog;
}

core::install::Platform host_platform()
{
  core::install::Platform platform;
#if defined(__aarch64__)
  platform.arch = "arm64";
#elif defined(__x86_64__)
  platform.arch = "amd64";
#else
#error "devk8s install knows release file names for amd64 and arm64 only"
#endif
  return platform;
}

} // namespace devk8s::app
