// app::rewrite_manifests on fakes: inputs read once, warnings and the summary reported, -i as a plan.
#include "app/executor_choice.hpp"
#include "app/mirror_rewrite.hpp"
#include "support/fake_ports.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace devk8s;

namespace {

const char* const k_pod = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: redis\n";

} // namespace

TEST_CASE("rewrite_manifests: standard input only through the callback", "[app][rewrite]")
{
  test::FakePorts f;
  std::ostringstream out;
  std::ostringstream err;
  const auto executor = app::make_executor(f.ports(), exec::ExecutorChoice{}, {out, err, false, f.reporter});
  app::RewriteOptions options;
  options.mirror.mirror = "cn";
  int reads = 0;
  options.read_stdin = [&reads]() -> util::Result<std::string> {
    ++reads;
    return std::string(k_pod);
  };
  std::vector<std::string> changes;
  options.on_change = [&changes](const std::string& path, const core::image::ImageChange& change,
                                 const core::image::MirrorMap&) { changes.push_back(path + " " + change.field.value); };
  const auto result = app::rewrite_manifests(f.ports(), options, *executor, f.reporter);
  REQUIRE(result);
  CHECK(reads == 1);
  CHECK(changes == std::vector<std::string>{"- redis"});
  CHECK(result->changed == 1);
  CHECK(result->files.size() == 1);
  CHECK(f.reporter.details == std::vector<std::string>{"rewrote 1 of 1 images in 1 file with mirror cn"});
  CHECK(f.reporter.infos.empty());
}

TEST_CASE("rewrite_manifests -i: a dry run reports what it would do and writes nothing", "[app][rewrite]")
{
  test::FakePorts f;
  f.fs.files["k8s/a.yaml"] = k_pod;
  f.fs.files["k8s/b.yaml"] = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: *x\n";
  std::ostringstream out;
  std::ostringstream err;
  const auto executor = app::make_executor(f.ports(), {true, exec::PlanFormat::text, true, {}}, {out, err, false, f.reporter});
  app::RewriteOptions options;
  options.inputs = {"k8s"};
  options.mirror.mirror = "cn";
  options.in_place = true;
  options.dry_run = true;
  const auto result = app::rewrite_manifests(f.ports(), options, *executor, f.reporter);
  REQUIRE_FALSE(result); // *x is an alias with no anchor: a YAML error anywhere rewrites nothing
  CHECK(out.str().empty());
  f.fs.files["k8s/b.yaml"] = "kind: Service\n";
  const auto again = app::rewrite_manifests(f.ports(), options, *executor, f.reporter);
  REQUIRE(again);
  CHECK(f.fs.writes.empty());
  CHECK(out.str().find("k8s/a.yaml.orig") != std::string::npos);
  CHECK(f.reporter.infos ==
        std::vector<std::string>{"would rewrite 1 of 1 images in 2 files with mirror cn (dry run: nothing written)"});
}
