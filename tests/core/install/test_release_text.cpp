#include "core/install/progress_text.hpp"
#include "core/install/release_text.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using namespace devk8s::core::install;

TEST_CASE("parse_checksum_file", "[install]")
{
  const std::string hex = "b8b0ebdd2e6d2e1c7e3bd0a8f9c2b8e0e4f1d9c7a6b5a4f3e2d1c0b9a8f7e6d5";
  SECTION("the digest alone, as dl.k8s.io and minikube publish it")
  {
    CHECK(*parse_checksum_file(hex + "\n", "kubectl") == hex);
  }
  SECTION("upper-case is normalized")
  {
    std::string upper = hex;
    for (auto& c : upper) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    CHECK(*parse_checksum_file(upper, "kubectl") == hex);
  }
  SECTION("sha256sum output with several files picks the one named")
  {
    const std::string other(64, 'a');
    CHECK(*parse_checksum_file(other + "  minikube-darwin-amd64\n" + hex + " *minikube-linux-amd64\n", "minikube-linux-amd64") == hex);
  }
  SECTION("not a checksum")
  {
    CHECK(parse_checksum_file("<html>404</html>", "kubectl").error().message ==
          "not a SHA-256 checksum file: \"<html>404</html>\"");
    CHECK_FALSE(parse_checksum_file("", "kubectl"));
    CHECK_FALSE(parse_checksum_file(hex.substr(0, 40), "kubectl")); // a sha1
  }
}

TEST_CASE("parse_latest_version", "[install]")
{
  CHECK(parse_latest_version("v1.35.1\n")->str() == "v1.35.1");
  CHECK(parse_latest_version(R"([{"name":"v1.38.1","checksums":{"linux":"x"}},{"name":"v1.38.0"}])")->str() == "v1.38.1");
  CHECK_FALSE(parse_latest_version("[]"));
  CHECK_FALSE(parse_latest_version("<!DOCTYPE html><html><body>blocked</body></html>"));
}

TEST_CASE("cluster versions from kubectl and minikube", "[install]")
{
  SECTION("kubectl version -o json with a server part (seed case: 1.20.2)")
  {
    CHECK(parse_kubectl_server_version_json(
              R"({"clientVersion":{"gitVersion":"v1.17.9"},"serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}})")
              ->str() == "v1.20.2");
    CHECK(parse_kubectl_server_version_json(R"({"clientVersion":{"gitVersion":"v1.17.9"}})").error().message ==
          "kubectl reported no server version (no cluster reachable)");
  }
  SECTION("minikube profile list -o json")
  {
    const std::string profiles =
        R"({"invalid":[],"valid":[{"Name":"other","Status":"Stopped","Config":{"KubernetesConfig":{"KubernetesVersion":"v1.19.0"}}},)"
        R"({"Name":"minikube","Status":"Running","Config":{"KubernetesConfig":{"KubernetesVersion":"v1.20.2","ContainerRuntime":"docker"}}}]})";
    CHECK(parse_minikube_profile_version(profiles, "minikube")->str() == "v1.20.2");
    CHECK(parse_minikube_profile_version(profiles, "dev").error().message == "minikube has no profile \"dev\"");
    CHECK_FALSE(parse_minikube_profile_version("{}", "minikube"));
    // A Name that is not a string is skipped, not an exception.
    CHECK(parse_minikube_profile_version(R"({"valid":[{"Name":5}]})", "minikube").error().message ==
          "minikube has no profile \"minikube\"");
  }
}

TEST_CASE("advise_kubectl", "[install]")
{
  SECTION("the seed case: 1.17.9 against 1.20.2")
  {
    const auto a = advise_kubectl(*Version::parse("v1.17.9"), *Version::parse("v1.20.2"));
    CHECK_FALSE(a.within_skew);
    CHECK(a.recommended.str() == "v1.20.2");
    CHECK(a.message == "kubectl v1.17.9 is 3 minor versions from the cluster (v1.20.2); kubectl supports one");
  }
  SECTION("one minor either way is fine")
  {
    CHECK(advise_kubectl(*Version::parse("v1.21.0"), *Version::parse("v1.20.2")).within_skew);
    CHECK(advise_kubectl(*Version::parse("v1.19.3"), *Version::parse("v1.20.2")).within_skew);
  }
}

TEST_CASE("progress text", "[install]")
{
  using std::chrono::milliseconds;
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(63'000'000) == "60.1 MiB");
  CHECK(format_rate(3u << 20, milliseconds(1000)) == "3.0 MiB/s");
  CHECK(format_rate(10, milliseconds(0)) == "-");
  CHECK(progress_line("minikube v1.20.0", 10u << 20, 60u << 20, milliseconds(5000)) ==
        "minikube v1.20.0: 10.0 MiB / 60.0 MiB  16%  2.0 MiB/s  ETA 25s");
  CHECK(progress_line("kubectl", 1u << 20, 0, milliseconds(1000)) == "kubectl: 1.0 MiB  1.0 MiB/s");
  CHECK(progress_line("x", 1u << 20, 200u << 20, milliseconds(1000)) == "x: 1.0 MiB / 200.0 MiB  0%  1.0 MiB/s  ETA 3m19s");
}
