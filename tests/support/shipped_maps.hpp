// The mirror maps the repository ships (mirrors/*.yaml), parsed as devk8s parses them: for
// tests of the pure core that need the real cn map rather than a made-up one.
#pragma once

#include "core/image/mirror_map.hpp"
#include "support/run_devk8s.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace devk8s::test {

inline core::image::MirrorMap shipped_map(const std::string& name)
{
  const std::string relative = "mirrors/" + name + ".yaml";
  std::ifstream in(source_path(relative));
  std::stringstream text;
  text << in.rdbuf();
  auto map = core::image::parse_mirror_map(text.str(), relative, name);
  REQUIRE(map);
  return *map;
}

} // namespace devk8s::test
