// minikube's profile-name rule (pkg/minikube/config/profile.go: ProfileNameValid and
// ProfileNameInReservedKeywords), one SECTION per kind of name.
#include "core/minikube/names.hpp"

#include <catch2/catch.hpp>

using devk8s::core::minikube::check_profile_name;

TEST_CASE("check_profile_name", "[minikube]")
{
  SECTION("names minikube accepts")
  {
    for (const char* name : {"minikube", "dev", "a1", "A-b", "team-a.dev", "1.2", "my--cluster"}) {
      CAPTURE(name);
      CHECK(check_profile_name(name));
    }
  }
  SECTION("names minikube refuses: exit 2, the value quoted")
  {
    for (const char* name : {"", "a", "bad name!", "-a", "a-", "a..b", ".a", "a.", "a_b", "dev/x", "caf\xC3\xA9"}) {
      CAPTURE(name);
      const auto result = check_profile_name(name);
      REQUIRE_FALSE(result);
      CHECK(result.error().code == devk8s::util::ExitCode::usage);
      CHECK(result.error().message.rfind("invalid --profile \"", 0) == 0);
    }
  }
  SECTION("minikube's own command words, in any case")
  {
    for (const char* name : {"start", "Profile", "LOGS"}) {
      CAPTURE(name);
      const auto result = check_profile_name(name);
      REQUIRE_FALSE(result);
      CHECK(result.error().message.find("one of minikube's command words") != std::string::npos);
    }
  }
}
