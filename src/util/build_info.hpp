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

} // namespace devk8s::util
