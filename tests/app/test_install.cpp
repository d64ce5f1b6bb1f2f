// app::install_tool on fakes: which version, which path, what the plan is, what is reported.
#include "app/executor_choice.hpp"
#include "app/install.hpp"
#include "support/fake_ports.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace devk8s;

namespace {

const char* const k_client_120 = R"({"clientVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}})";

struct Setup {
  test::FakePorts f;
  std::ostringstream out;
  std::ostringstream err;
  app::InstallOptions options;

  Setup()
  {
    options.tool = core::install::Tool::kubectl;
    options.dir = "/home/u/.local/bin";
    options.search_path = "/usr/bin";
  }
  util::Result<app::InstallResult> dry_run()
  {
    const auto executor = app::make_executor(f.ports(), {true, exec::PlanFormat::text, false, {}}, {out, err, false, f.reporter});
    return app::install_tool(f.ports(), options, *executor, f.reporter);
  }
};

} // namespace

TEST_CASE("install_tool: the plan for a version given", "[app][install]")
{
  Setup s;
  s.options.version = "v1.20.2";
  const auto result = s.dry_run();
  REQUIRE(result);
  CHECK(result->path == "/home/u/.local/bin/kubectl");
  CHECK_FALSE(result->already_installed);
  CHECK_FALSE(result->dir_on_path);
  REQUIRE(result->plan.steps.size() == 1);
  const auto& step = std::get<core::plan::InstallBinary>(result->plan.steps.front().action);
  CHECK(step.version == "v1.20.2");
  CHECK(step.attempts == 3);
  CHECK(s.out.str() == core::plan::render_text(result->plan, false));
  CHECK(s.f.fs.writes.empty());
}

TEST_CASE("install_tool: the same version already there plans nothing", "[app][install]")
{
  Setup s;
  s.options.version = "v1.20.2";
  s.f.fs.files["/home/u/.local/bin/kubectl"] = "";
  s.f.runner.script("/home/u/.local/bin/kubectl version --client -o json", {0, k_client_120, "", false});
  const auto result = s.dry_run();
  REQUIRE(result);
  CHECK(result->already_installed);
  CHECK(result->plan.steps.empty());
  CHECK(s.out.str().empty());
}

TEST_CASE("install_tool: the latest version, each source that fails reported", "[app][install]")
{
  Setup s;
  const auto result = s.dry_run(); // no HTTP scripted: every source is unreachable
  REQUIRE_FALSE(result);
  CHECK(result.error().message == "cannot find the latest kubectl version");
  REQUIRE_FALSE(s.f.reporter.infos.empty());
  CHECK(s.f.reporter.infos.front().rfind("cannot read the latest kubectl version from ", 0) == 0);
}
