#include "core/plan/plan.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::plan;

namespace {

Plan sample()
{
  return Plan{"Repair storage-provisioner",
              {Step{"pull the image the mirror really has",
                    RunCommand{{"minikube", "ssh", "--", "docker pull 'registry.example/x:v5'"}, std::chrono::seconds(300)},
                    ""},
               Step{"rewrite a.yaml: 1 of 2 images", WriteFile{"a.yaml", "new", std::string("a.yaml.orig")}, "--- a\n+++ b\n"}}};
}

} // namespace

TEST_CASE("render_text is deterministic and shell-pasteable", "[plan]")
{
  CHECK(render_text(sample()) == "Repair storage-provisioner (2 steps)\n"
                                 "  1. pull the image the mirror really has\n"
                                 "     run minikube ssh -- 'docker pull '\\''registry.example/x:v5'\\'''\n"
                                 "  2. rewrite a.yaml: 1 of 2 images\n"
                                 "     write a.yaml (backup: a.yaml.orig)\n"
                                 "--- a\n+++ b\n");
  CHECK(render_text(sample(), false).find("--- a") == std::string::npos);
  CHECK(render_text(Plan{"Nothing", {}}) == "Nothing (0 steps)\n  nothing to do\n");
}

TEST_CASE("to_json lists steps and their actions", "[plan]")
{
  const auto j = to_json(sample());
  CHECK(j["title"] == "Repair storage-provisioner");
  REQUIRE(j["steps"].size() == 2);
  CHECK(j["steps"][0]["action"]["type"] == "run");
  CHECK(j["steps"][0]["action"]["argv"][0] == "minikube");
  CHECK(j["steps"][0]["action"]["timeoutSeconds"] == 300.0);
  CHECK(j["steps"][1]["action"] == nlohmann::json{{"type", "write-file"}, {"path", "a.yaml"}, {"backup", "a.yaml.orig"}});
}
