// app::build_request: the flags as typed, every bad one reported at once.
#include "app/preflight.hpp"
#include "support/fake_file_system.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

TEST_CASE("build_request: every bad flag at once, a map only when one is requested", "[app][preflight]")
{
  test::FakeFileSystem fs;
  app::PreflightOptions options;
  SECTION("bad values")
  {
    options.cpus = "0";
    options.driver = "hyperv";
    const auto request = app::build_request(fs, options);
    REQUIRE_FALSE(request);
    CHECK(request.error().code == util::ExitCode::usage);
    CHECK(request.error().message ==
          "invalid --cpus \"0\": expected a whole number of CPUs from 1 to 4096\n"
          "unknown --driver \"hyperv\": minikube's Linux drivers are docker, podman, none, ssh, kvm2, qemu2, virtualbox, vmware");
  }
  SECTION("DEVK8S_MIRROR, as the CLI passes it, chooses the map")
  {
    options.mirror.default_mirror = "cn";
    const auto request = app::build_request(fs, options);
    REQUIRE(request);
    REQUIRE(request->mirror);
    CHECK(request->mirror->name == "cn");
  }
  SECTION("no map requested: none chosen")
  {
    const auto request = app::build_request(fs, options);
    REQUIRE(request);
    CHECK_FALSE(request->mirror);
  }
}
