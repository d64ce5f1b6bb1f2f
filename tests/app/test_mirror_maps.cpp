// app/mirror_maps: which map the user chose, from the flags and what the CLI read of the environment.
#include "app/mirror_maps.hpp"
#include "support/fake_file_system.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

TEST_CASE("choose_map: --mirror, else DEVK8S_MIRROR, else the one --mirror-file map", "[app][mirror]")
{
  test::FakeFileSystem fs;
  fs.files["/cfg/devk8s/mirrors/corp.yaml"] = "name: corp\nrules:\n  - prefix: gcr.io\n    to: [corp.example/gcr]\n";
  app::MirrorOptions options;
  CHECK_FALSE(options.requested());
  SECTION("nothing chosen is a usage error naming the maps")
  {
    const auto map = app::choose_map(fs, options);
    REQUIRE_FALSE(map);
    CHECK(map.error().code == util::ExitCode::usage);
  }
  SECTION("DEVK8S_MIRROR, as the CLI passes it, picks a map of the user's directory")
  {
    options.default_mirror = "corp";
    options.config_dir = "/cfg/devk8s";
    CHECK(options.requested());
    const auto map = app::choose_map(fs, options);
    REQUIRE(map);
    CHECK(map->name == "corp");
  }
  SECTION("--mirror wins over DEVK8S_MIRROR")
  {
    options.mirror = "cn";
    options.default_mirror = "corp";
    CHECK(app::choose_map(fs, options)->name == "cn");
  }
  SECTION("without a config directory the user's maps are not read")
  {
    options.default_mirror = "corp";
    CHECK_FALSE(app::choose_map(fs, options));
  }
}
