// What this binary is: version, git commit and build type, filled in by CMake.
#pragma once

#include <string>

namespace devk8s::util {

struct BuildInfo {
  std::string version;
  std::string commit;
  std::string build_type;
  std::string data_dir; ///< where `cmake --install` puts the maps and their README: PREFIX/share/devk8s
};

BuildInfo build_info();

/// Where the mirror-map and download-source schema is on an installed system, for hints: a
/// user of the binary has no source tree to look in. `section` names the README's heading.
std::string schema_readme(const std::string& section);

} // namespace devk8s::util
