#include "adapters/fs/real_file_system.hpp"
#include "exec/executor.hpp"
#include "support/fake_process_runner.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace devk8s;
using core::plan::Plan;
using core::plan::RunCommand;
using core::plan::Step;
using core::plan::WriteFile;

TEST_CASE("RealExecutor applies steps in order and stops at the first failure", "[exec]")
{
  test::TempDir dir;
  const std::string file = dir.write("a.yaml", "old");
  adapters::RealFileSystem fs;
  test::FakeProcessRunner runner;
  runner.script("docker tag a b", ports::ProcessResult{0, "", "", false});
  runner.script("docker pull nope", ports::ProcessResult{1, "", "Error response from daemon: manifest unknown\n", false});
  std::ostringstream progress;
  exec::RealExecutor executor(fs, runner, progress);

  SECTION("every step succeeds")
  {
    const Plan plan{"t", {Step{"write a", WriteFile{file, "new", file + ".orig"}, ""},
                          Step{"tag", RunCommand{{"docker", "tag", "a", "b"}, {}}, ""}}};
    REQUIRE(executor.execute(plan));
    CHECK(test::read_file(file) == "new");
    CHECK(test::read_file(file + ".orig") == "old");
    CHECK(runner.ran() == std::vector<std::vector<std::string>>{{"docker", "tag", "a", "b"}});
    CHECK(progress.str() == "devk8s: write a\ndevk8s: tag\n");
  }
  SECTION("a failing command names the step, the command and its output; later steps do not run")
  {
    const Plan plan{"t", {Step{"pull", RunCommand{{"docker", "pull", "nope"}, {}}, ""},
                          Step{"write a", WriteFile{file, "new", std::nullopt}, ""}}};
    auto result = executor.execute(plan);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "step 1 (pull): docker pull nope: exit status 1");
    CHECK(result.error().output == "Error response from daemon: manifest unknown"); // the tool's words, apart
    CHECK(test::read_file(file) == "old");
  }
  SECTION("a program that cannot start")
  {
    runner.missing("minikube");
    auto result = executor.execute(Plan{"t", {Step{"status", RunCommand{{"minikube", "status"}, {}}, ""}}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message.rfind("step 1 (status): cannot run minikube", 0) == 0);
  }
}

TEST_CASE("DryRunExecutor prints the plan and changes nothing", "[exec]")
{
  test::TempDir dir;
  const std::string file = dir.write("a.yaml", "old");
  std::ostringstream out;
  exec::DryRunExecutor executor(out, true);
  const Plan plan{"Rewrite", {Step{"rewrite a", WriteFile{file, "new", std::nullopt}, "DIFF\n"},
                              Step{"reboot", RunCommand{{"reboot"}, {}}, ""}}};
  REQUIRE(executor.execute(plan));
  CHECK(out.str() == core::plan::render_text(plan));
  CHECK(test::read_file(file) == "old");
}
