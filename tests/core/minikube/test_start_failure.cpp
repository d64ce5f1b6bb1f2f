// Why minikube start failed, read from its output (tests/fixtures/minikube/README.md).
#include "core/minikube/start_failure.hpp"

#include "support/run_devk8s.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace devk8s;
namespace mk = core::minikube;

namespace {

std::vector<std::string> fixture_lines(const std::string& name)
{
  std::ifstream in(test::source_path("tests/fixtures/minikube/" + name));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  REQUIRE_FALSE(lines.empty());
  return lines;
}

} // namespace

TEST_CASE("classify_start_failure: minikube's reason, message, suggestion and devk8s's hint", "[minikube]")
{
  SECTION("one CPU, refused before anything is created")
  {
    const auto f = mk::classify_start_failure(29, fixture_lines("start-v1.20.0-one-cpu.txt"), "minikube");
    CHECK(f.reason == "RSRC_INSUFFICIENT_CORES");
    CHECK(f.message == " has less than 2 CPUs available, but Kubernetes requires at least 2 to be available");
    CHECK(f.suggestion.empty());
    CHECK(f.area == "resources");
    CHECK(f.hint.find("devk8s start --cpus 1 passes --force and kubeadm's NumCPU exception") != std::string::npos);
  }
  SECTION("forced past minikube, stopped by kubeadm's NumCPU check: the suggestion that follows the error")
  {
    const auto f = mk::classify_start_failure(29, fixture_lines("start-v1.20.0-one-cpu-forced.txt"), "minikube");
    CHECK(f.reason == "RSRC_INSUFFICIENT_CORES");
    CHECK(f.message.rfind("wait: /bin/bash -c \"sudo env PATH=", 0) == 0);
    CHECK(f.suggestion == "Kubernetes requires at least 2 CPU's to start");
    // The earlier "Suggestion: Start minikube with less memory allocated" followed a warning, not the error.
  }
  SECTION("a line without a reason ID names no reason and keeps its words")
  {
    const auto f = mk::classify_start_failure(1, {"X Exiting due to an error: disk full"}, "minikube");
    CHECK(f.reason.empty());
    CHECK(f.message == "an error: disk full");
  }
  SECTION("each family gets its advice; a profile is named in it")
  {
    const auto line = [](const std::string& id, const std::string& message) {
      return std::vector<std::string>{"", "X Exiting due to " + id + ": " + message, ""};
    };
    CHECK(mk::classify_start_failure(57, line("DRV_AS_ROOT", "The \"docker\" driver should not be used with root privileges."), "")
              .hint.find("docker group") != std::string::npos);
    CHECK(mk::classify_start_failure(23, line("RSRC_INSUFFICIENT_SYS_MEMORY", "System only has 1833MiB available"), "")
              .hint.find("--memory 1800mb") != std::string::npos);
    const auto mismatch = mk::classify_start_failure(81, line("GUEST_DRIVER_MISMATCH", "The existing \"dev\" cluster was created using the \"kvm2\" driver"), "dev");
    CHECK(mismatch.area == "guest");
    CHECK(mismatch.hint == "the profile was created with other settings: minikube delete -p dev, then start again");
    CHECK(mk::classify_start_failure(40, line("INET_CACHE_TAR", "Failed to cache preload tarball"), "").hint.find("--mirror cn") !=
          std::string::npos);
    CHECK(mk::classify_start_failure(100, line("K8S_INSTALL_FAILED", "wait: timed out waiting for the condition"), "")
              .hint.find("images could not be pulled in time") != std::string::npos);
    const auto unknown = mk::classify_start_failure(1, {"something else went wrong"}, "");
    CHECK(unknown.reason.empty());
    CHECK(unknown.area.empty());
    CHECK(unknown.hint.empty());
  }
  SECTION("an existing profile keeps its settings (start_flags.go's warnings)")
  {
    const std::vector<std::string> lines = {
        "! You cannot change the CPUs for an existing minikube cluster. Please first delete the cluster.",
        "! You cannot change the memory size for an existing minikube cluster. Please first delete the cluster.",
        "* Done! kubectl is now configured to use \"minikube\" cluster and \"default\" namespace by default"};
    const auto kept = mk::kept_settings(lines);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0] == "You cannot change the CPUs for an existing minikube cluster. Please first delete the cluster.");
    CHECK(mk::classify_start_failure(0, lines, "").hint == "the profile keeps its old settings: minikube delete to change them");
  }
}
