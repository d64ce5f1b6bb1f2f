// What this binary is: version, git commit and build type, filled in by CMake.
#pragma once

#include <string>

namespace devk8s::util {

struct BuildInfo {
  std::string version;
  std::string commit;
  std::string build_type;
};

BuildInfo build_info();

} // namespace devk8s::util
