// app::make_executor: one place picks the real or the dry-run executor, and the form of a dry run.
#include "app/executor_choice.hpp"
#include "support/fake_ports.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace devk8s;

namespace {

core::plan::Plan one_write(const std::string& path)
{
  return {"Rewrite", {core::plan::Step{"rewrite " + path, core::plan::WriteFile{path, "new\n", path + ".orig"}, "diff"}}};
}

} // namespace

TEST_CASE("make_executor: real, dry-run text, dry-run JSON", "[app][plan]")
{
  test::FakePorts f;
  f.fs.files["a.yaml"] = "old\n";
  std::ostringstream out;
  std::ostringstream err;
  const app::ExecutorStreams streams{out, err, false, f.reporter};
  SECTION("a dry run in JSON prints core::plan::to_json and writes nothing")
  {
    const auto executor = app::make_executor(f.ports(), {true, exec::PlanFormat::json, true, {}}, streams);
    REQUIRE(executor->execute(one_write("a.yaml")));
    const auto j = nlohmann::json::parse(out.str());
    CHECK(j == core::plan::to_json(one_write("a.yaml")));
    CHECK(f.fs.writes.empty());
  }
  SECTION("a dry run in text prints the plan with its previews")
  {
    const auto executor = app::make_executor(f.ports(), {true, exec::PlanFormat::text, true, {}}, streams);
    REQUIRE(executor->execute(one_write("a.yaml")));
    CHECK(out.str() == core::plan::render_text(one_write("a.yaml"), true));
    CHECK(f.fs.writes.empty());
  }
  SECTION("a JSON dry run refuses what a real run would, before printing anything")
  {
    f.fs.read_only.insert("a.yaml");
    const auto executor = app::make_executor(f.ports(), {true, exec::PlanFormat::json, true, {}}, streams);
    CHECK_FALSE(executor->execute(one_write("a.yaml")));
    CHECK(out.str().empty());
  }
  SECTION("a real run writes")
  {
    const auto executor = app::make_executor(f.ports(), {false, exec::PlanFormat::json, true, {}}, streams);
    REQUIRE(executor->execute(one_write("a.yaml")));
    CHECK(f.fs.files["a.yaml"] == "new\n");
    CHECK(out.str().empty());
    CHECK(f.reporter.infos == std::vector<std::string>{"rewrite a.yaml"});
  }
}
