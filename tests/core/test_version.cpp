#include "core/version.hpp"

#include <catch2/catch.hpp>

using devk8s::core::Version;

namespace {

Version v(const std::string& text)
{
  auto parsed = Version::parse(text);
  INFO(text << ": " << (parsed ? std::string("ok") : parsed.error().message));
  REQUIRE(parsed);
  return *parsed;
}

} // namespace

TEST_CASE("Version::parse reads the forms tools print", "[version]")
{
  SECTION("v-prefixed release") { CHECK(v("v1.20.0") == Version{1, 20, 0, {}}); }
  SECTION("docker's bare form") { CHECK(v("20.10.6") == Version{20, 10, 6, {}}); }
  SECTION("missing parts are zero") { CHECK(v("1.20") == Version{1, 20, 0, {}}); }
  SECTION("pre-release kept, build metadata dropped")
  {
    CHECK(v("v1.30.0-rc.1").prerelease == "rc.1");
    CHECK(v("v1.23.6+k3s1") == Version{1, 23, 6, {}});
    CHECK(v("20.10.24+dfsg1") == Version{20, 10, 24, {}});
    CHECK(v("v1.27.1-eks-2f008fe").prerelease == "eks-2f008fe");
  }
  SECTION("surrounding whitespace, as in command output") { CHECK(v(" v1.17.9\n") == Version{1, 17, 9, {}}); }
  SECTION("str round-trips") { CHECK(v("1.20.2").str() == "v1.20.2"); CHECK(v("v1.30.0-rc.1").str(false) == "1.30.0-rc.1"); }
}

TEST_CASE("Version::parse rejects non-versions with the text quoted", "[version]")
{
  // A pre-release ends up in download URLs: only SemVer's characters.
  for (const std::string bad : {"", "v", "abc", "1.x", "1.2.3.4", "1..2", "-1", "v1.2-", "99999999999", "v1.2.3-a b?x#y",
                                "v1.2.3-../x"}) {
    CAPTURE(bad);
    auto parsed = Version::parse(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find("invalid version") == 0);
  }
}

TEST_CASE("Version ordering follows SemVer precedence", "[version]")
{
  CHECK(v("v1.20.0") < v("v1.23.1"));
  CHECK(v("v1.9.0") < v("v1.10.0"));
  CHECK(v("v1.29.0") >= v("v1.29.0"));
  CHECK(v("v1.30.0-rc.1") < v("v1.30.0"));
  CHECK(v("v1.30.0-alpha.1") < v("v1.30.0-rc.1"));
  CHECK(v("v2.0.0") > v("v1.99.99"));
}

TEST_CASE("minor_skew", "[version]")
{
  CHECK(devk8s::core::minor_skew(v("v1.17.9"), v("v1.20.2")) == 3);
  CHECK(devk8s::core::minor_skew(v("v1.21.0"), v("v1.20.2")) == 1);
  CHECK(devk8s::core::minor_skew(v("v2.0.0"), v("v1.20.2")) > 1);
}
