#include "core/image/rewrite_plan.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::image;

namespace {

FileRewrite sample(const std::string& path)
{
  FileRewrite f;
  f.path = path;
  f.text = "kind: Pod\nimage: redis\n";
  f.splices = {{17, 22, "m.example/library/redis:latest"}};
  f.summary.changes = 1;
  f.summary.images = 2;
  return f;
}

} // namespace

TEST_CASE("in_place_step writes the rewritten text with an optional backup", "[rewrite]")
{
  const auto step = in_place_step(sample("k8s/a.yaml"), std::string(".orig"), true);
  REQUIRE(step);
  CHECK(step->description == "rewrite k8s/a.yaml: 1 of 2 images");
  const auto& write = std::get<devk8s::core::plan::WriteFile>(step->action);
  CHECK(write.content == "kind: Pod\nimage: m.example/library/redis:latest\n");
  CHECK(write.backup == std::optional<std::string>("k8s/a.yaml.orig"));
  CHECK(step->preview.rfind("--- a/k8s/a.yaml\n+++ b/k8s/a.yaml\n@@ -1,2 +1,2 @@\n", 0) == 0);

  const auto bare = in_place_step(sample("/abs/a.yaml"), std::nullopt, false);
  REQUIRE(bare);
  CHECK_FALSE(std::get<devk8s::core::plan::WriteFile>(bare->action).backup);
  CHECK(bare->preview.empty());

  FileRewrite unchanged = sample("b.yaml");
  unchanged.splices.clear();
  CHECK_FALSE(in_place_step(unchanged, std::string(".orig"), true));
}

TEST_CASE("diff labels and the rewritten text's last byte", "[rewrite]")
{
  CHECK(diff_label("k8s/a.yaml", 'a') == "a/k8s/a.yaml");
  CHECK(diff_label("/tmp/a.yaml", 'b') == "/tmp/a.yaml");
  CHECK(diff_label("-", 'a') == "a/-");
  CHECK(rewritten_ends_with_newline(sample("a")));
  FileRewrite open = sample("a");
  open.text = "image: redis";
  open.splices = {{7, 12, "x"}};
  CHECK_FALSE(rewritten_ends_with_newline(open));
  open.splices = {{7, 12, "x\n"}};
  CHECK(rewritten_ends_with_newline(open));
}
