#include "core/plan/plan.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::plan;

TEST_CASE("Plan with an InstallBinary step: text and JSON", "[plan][install]")
{
  InstallBinary install;
  install.tool = "kubectl";
  install.version = "v1.20.2";
  install.candidates = {{"cn", "https://cn/v1.20.2/kubectl", {"https://cn/v1.20.2/kubectl.sha256"}},
                        {"official", "https://dl/v1.20.2/kubectl", {"https://dl/v1.20.2/kubectl.sha256"}}};
  install.path = "/home/u/.local/bin/kubectl";
  install.backup = "/home/u/.local/bin/kubectl.old";
  const Plan plan{"Install kubectl v1.20.2", {Step{"install kubectl v1.20.2 to /home/u/.local/bin/kubectl", install, ""}}};

  CHECK(render_text(plan) == "Install kubectl v1.20.2 (1 step)\n"
                             "  1. install kubectl v1.20.2 to /home/u/.local/bin/kubectl\n"
                             "     download https://cn/v1.20.2/kubectl\n"
                             "       or https://dl/v1.20.2/kubectl\n"
                             "     verify sha256, install /home/u/.local/bin/kubectl (mode 0755) (backup: /home/u/.local/bin/kubectl.old)\n");
  const auto j = to_json(plan);
  const auto& action = j["steps"][0]["action"];
  CHECK(action["type"] == "install-binary");
  CHECK(action["tool"] == "kubectl");
  CHECK(action["version"] == "v1.20.2");
  CHECK(action["backup"] == "/home/u/.local/bin/kubectl.old");
  CHECK(action["candidates"][1]["source"] == "official");
  CHECK(action["candidates"][0]["checksums"][0] == "https://cn/v1.20.2/kubectl.sha256");
}

TEST_CASE("An InstallBinary step never shows a source's user:token@", "[plan][install]")
{
  // A private mirror in downloads.yaml may authenticate in its URL (found by review).
  InstallBinary install;
  install.tool = "kubectl";
  install.version = "v1.20.2";
  install.candidates = {{"corp", "https://ci:s3cret@artifacts.corp/k8s/kubectl",
                         {"https://ci:s3cret@artifacts.corp/k8s/kubectl.sha256"}}};
  install.path = "/home/u/.local/bin/kubectl";
  const Plan plan{"Install kubectl v1.20.2", {Step{"install kubectl v1.20.2 to /home/u/.local/bin/kubectl", install, ""}}};
  const std::string text = render_text(plan);
  CHECK(text.find("download https://***@artifacts.corp/k8s/kubectl\n") != std::string::npos);
  CHECK(text.find("s3cret") == std::string::npos);
  const std::string json = to_json(plan).dump();
  CHECK(json.find("https://***@artifacts.corp/k8s/kubectl.sha256") != std::string::npos);
  CHECK(json.find("s3cret") == std::string::npos);
}
