#include "core/kube/version_info.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using devk8s::core::kube::parse_version_info;

TEST_CASE("parse_version_info reads GET /version as kube-apiserver v1.20 answers it", "[kube]")
{
  // k8s.io/apimachinery/pkg/version.Info, as minikube's v1.20.2 apiserver serves it.
  const auto info = nlohmann::json::parse(R"({"major":"1","minor":"20","gitVersion":"v1.20.2",
    "gitCommit":"faecb196815e248d3ecfb03c680a4507229c2a56","gitTreeState":"clean","buildDate":"2021-01-13T13:20:00Z",
    "goVersion":"go1.15.5","compiler":"gc","platform":"linux/amd64"})");
  CHECK(parse_version_info(info)->str() == "v1.20.2");
  CHECK(parse_version_info(nlohmann::json::object()).error().message == "no gitVersion in the version answer");
  CHECK_FALSE(parse_version_info(nlohmann::json{{"gitVersion", 120}}));
  CHECK_FALSE(parse_version_info(nlohmann::json{{"gitVersion", "devel"}}));
}
