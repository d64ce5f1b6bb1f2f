#include "core/image/mirror_map.hpp"
#include "util/build_info.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::image;

namespace {

std::string load_error(const std::string& yaml)
{
  auto map = parse_mirror_map(yaml, "corp.yaml", "corp");
  INFO(yaml);
  REQUIRE_FALSE(map);
  return map.error().message;
}

} // namespace

TEST_CASE("parse_mirror_map decodes every field", "[mirror]")
{
  const std::string yaml = R"(name: corp
description: Our Harbor
minikube:
  image-mirror-country: cn
  image-repository: harbor.corp.example/k8s
rules:
  - exact: k8s.gcr.io/ingress-nginx/controller
    to: harbor.corp.example/k8s/nginx-ingress-controller
    tags: {v1: v1-corp}
    note: renamed
  - flatten: gcr.io
    to: harbor.corp.example:8443/k8s
    join: "."
  - prefix: docker.io
    to: [harbor.corp.example/hub, docker.m.daocloud.io]
  - prefix: "*"
    to: m.daocloud.io
)";
  auto map = parse_mirror_map(yaml, "corp.yaml", "ignored");
  REQUIRE(map);
  CHECK(map->name == "corp");
  CHECK(map->description == "Our Harbor");
  CHECK(map->minikube.image_mirror_country == "cn");
  CHECK(map->minikube.image_repository == "harbor.corp.example/k8s");
  REQUIRE(map->rules.size() == 4);
  CHECK(map->rules[0].kind == RuleKind::exact);
  CHECK(map->rules[0].tags.at("v1") == "v1-corp");
  CHECK(map->rules[0].note == "renamed");
  CHECK(map->rules[0].line == 7);
  CHECK(map->rules[1].kind == RuleKind::flatten);
  CHECK(map->rules[1].join == ".");
  CHECK(map->rules[1].targets == std::vector<std::string>{"harbor.corp.example:8443/k8s"});
  CHECK(map->rules[2].targets.size() == 2);
  CHECK(map->rules[3].match == "*");
  CHECK(map->describe_rule(1) == "flatten gcr.io → harbor.corp.example:8443/k8s (corp.yaml:11)");
}

TEST_CASE("parse_mirror_map takes the file name when there is no name", "[mirror]")
{
  auto map = parse_mirror_map("rules:\n  - prefix: docker.io\n    to: m.example\n", "x/corp.yaml", "corp");
  REQUIRE(map);
  CHECK(map->name == "corp");
}

TEST_CASE("parse_mirror_map reports every problem with file, line and a suggestion", "[mirror]")
{
  struct Case {
    std::string yaml, expected;
  };
  const std::vector<Case> cases = {
      {"name: corp\nrules:\n  - prefix: docker.io\n    too: m.example\n",
       "corp.yaml:4: unknown field \"too\" in rule 1 (did you mean \"to\"?)"},
      {"name: corp\nrule:\n  - prefix: docker.io\n", "corp.yaml:2: unknown field \"rule\" in mirror map (did you mean \"rules\"?)"},
      {"name: corp\nrules:\n  - prefix: Docker.io\n    to: m.example\n",
       "corp.yaml:3: rule 1: \"Docker.io\" is not a registry or repository name"},
      {"rules:\n  - prefix: docker.io\n    flatten: gcr.io\n    to: m.example\n",
       "corp.yaml:2: rule 1 needs exactly one of \"exact\", \"flatten\" or \"prefix\""},
      {"rules:\n  - prefix: docker.io\n", "corp.yaml:2: rule 1 has no \"to\""},
      {"rules:\n  - prefix: docker.io\n    to: https://m.example\n", "is not a registry location"},
      {"rules:\n  - prefix: docker.io\n    to: m.example/\n", "\"m.example/\" is not a registry location"},
      {"rules:\n  - flatten: \"*\"\n    to: m.example\n", "\"*\" is only allowed in a prefix rule"},
      {"rules:\n  - exact: docker.io\n    to: m.example/x\n", "exact needs a full repository name"},
      {"rules:\n  - flatten: gcr.io\n    to: m.example\n    join: \"/\"\n", "\"join\" must be \".\", \"-\" or \"_\""},
      {"rules:\n  - prefix: gcr.io\n    to: m.example\n    join: \".\"\n", "\"join\" is only allowed in a flatten rule"},
      {"rules:\n  - prefix: gcr.io\n    to: m.example\n    tags: {a: b}\n", "\"tags\" is only allowed in an exact rule"},
      {"rules: []\n", "\"rules\" must be a non-empty list"},
      {"name: corp\n", "\"rules\" must be a non-empty list"},
      {"- a\n- b\n", "corp.yaml:1: a mirror map must be a mapping"},
      {"name: Corp!\nrules:\n  - prefix: gcr.io\n    to: m.example\n", "name \"Corp!\" must be lowercase"},
      {"rules:\n  - prefix: gcr.io\n    to: [m.example, {a: b}]\n", "\"to\" must be a string"},
      {"rules:\n  - prefix: [gcr.io\n", "corp.yaml:3:1: invalid YAML"},
      {"minikube:\n  image-repo: x\nrules:\n  - prefix: gcr.io\n    to: m.example\n",
       "unknown field \"image-repo\" in minikube (did you mean \"image-repository\"?)"},
  };
  for (const auto& c : cases) {
    SECTION(c.expected)
    {
      const std::string message = load_error(c.yaml);
      CAPTURE(message);
      CHECK(message.find(c.expected) != std::string::npos);
    }
  }
  SECTION("several problems, one line each")
  {
    const std::string message =
        load_error("name: corp\nrules:\n  - prefix: docker.io\n    too: m.example\n  - flaten: gcr.io\n    to: m.example\n");
    CHECK(message.find("corp.yaml:4: unknown field \"too\"") != std::string::npos);
    CHECK(message.find("\ncorp.yaml:5: unknown field \"flaten\" in rule 2 (did you mean \"flatten\"?)") != std::string::npos);
  }
}

TEST_CASE("the built-in maps load and a user map overrides by name", "[mirror]")
{
  auto catalog = builtin_catalog();
  REQUIRE(catalog);
  CHECK(catalog->find("cn") != nullptr);
  CHECK(catalog->find("daocloud") != nullptr);
  CHECK(catalog->find("daocloud-prefix") != nullptr);
  CHECK(catalog->find("cn")->minikube.image_repository == "registry.cn-hangzhou.aliyuncs.com/google_containers");

  auto user = parse_mirror_map("name: cn\nrules:\n  - prefix: docker.io\n    to: m.example\n", "mine.yaml", "mine");
  REQUIRE(user);
  catalog->add(*user);
  CHECK(catalog->find("cn")->origin == "mine.yaml");
  CHECK(catalog->names().size() == 3);
}

TEST_CASE("a mirror map's error points at the installed schema, not into a source tree", "[image]")
{
  // Issue #9, finding 15: the hint said "see mirrors/README.md", which only a source checkout has.
  auto map = parse_mirror_map("name: corp\nrules:\n  - registy: x\n", "corp.yaml", "corp");
  REQUIRE_FALSE(map);
  CHECK(map.error().hint == "see " + devk8s::util::build_info().data_dir +
                                "/mirrors/README.md (\"Schema\"; in a source checkout, mirrors/README.md) for the schema");
}
