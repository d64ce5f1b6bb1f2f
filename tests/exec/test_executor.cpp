#include "adapters/fs/real_file_system.hpp"
#include "exec/executor.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_process_runner.hpp"
#include "support/recording_reporter.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>
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
  test::RecordingReporter reporter;
  exec::RealExecutor executor(fs, runner, reporter);

  SECTION("every step succeeds")
  {
    const Plan plan{"t", {Step{"write a", WriteFile{file, "new", file + ".orig"}, ""},
                          Step{"tag", RunCommand{{"docker", "tag", "a", "b"}, {}}, ""}}};
    REQUIRE(executor.execute(plan));
    CHECK(test::read_file(file) == "new");
    CHECK(test::read_file(file + ".orig") == "old");
    CHECK(runner.ran() == std::vector<std::vector<std::string>>{{"docker", "tag", "a", "b"}});
    CHECK(reporter.infos == std::vector<std::string>{"write a", "tag"});
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

TEST_CASE("RealExecutor checks every target and backup before the first write", "[exec]")
{
  // Finding 3 of issue 9: b.yaml.orig is a directory; a.yaml used to be rewritten before the
  // step for b.yaml failed.
  test::TempDir dir;
  const std::string a = dir.write("a.yaml", "old a");
  const std::string b = dir.write("b.yaml", "old b");
  std::filesystem::create_directories(b + ".orig");
  adapters::RealFileSystem fs;
  test::FakeProcessRunner runner;
  test::RecordingReporter reporter;
  exec::RealExecutor executor(fs, runner, reporter);
  const Plan plan{"t", {Step{"rewrite a", WriteFile{a, "new a", a + ".orig"}, ""},
                        Step{"rewrite b", WriteFile{b, "new b", b + ".orig"}, ""}}};
  const auto result = executor.execute(plan);
  REQUIRE_FALSE(result);
  CHECK(result.error().message == b + ".orig: already exists, and a backup is never overwritten");
  CHECK(result.error().hint == "move the backup out of the way; nothing was changed");
  CHECK(test::read_file(a) == "old a");
  CHECK_FALSE(std::filesystem::exists(a + ".orig"));
  CHECK(reporter.infos.empty());
}

TEST_CASE("RealExecutor: a step that fails mid-plan says what the steps before it changed", "[exec]")
{
  test::FakeFileSystem fs;
  fs.files["a.yaml"] = "old a";
  fs.files["b.yaml"] = "old b";
  fs.failing.insert("b.yaml"); // an I/O error no check can foresee
  test::FakeProcessRunner runner;
  runner.script("docker tag a b", ports::ProcessResult{0, "", "", false});
  test::RecordingReporter reporter;
  exec::RealExecutor executor(fs, runner, reporter);
  const Plan plan{"t", {Step{"rewrite a", WriteFile{"a.yaml", "new a", std::string("a.yaml.orig")}, ""},
                        Step{"tag", RunCommand{{"docker", "tag", "a", "b"}, {}}, ""},
                        Step{"rewrite b", WriteFile{"b.yaml", "new b", std::string("b.yaml.orig")}, ""},
                        Step{"rewrite c", WriteFile{"c.yaml", "new c", std::nullopt}, ""}}};
  const auto result = executor.execute(plan);
  REQUIRE_FALSE(result);
  CHECK(result.error().message == "step 3 (rewrite b): b.yaml: Input/output error\n"
                                  "already changed by the steps before: a.yaml (original kept as a.yaml.orig), "
                                  "ran docker tag a b\n"
                                  "not run: step 4 (rewrite c)");
  CHECK(fs.files.count("c.yaml") == 0);
}

TEST_CASE("RealFileSystem never overwrites an existing backup", "[exec][fs]")
{
  test::TempDir dir;
  const std::string file = dir.write("a.yaml", "second");
  dir.write("a.yaml.orig", "first");
  adapters::RealFileSystem fs;
  const auto result = fs.write_file_atomic(file, "third", file + ".orig");
  REQUIRE_FALSE(result);
  CHECK(result.error().message == file + ".orig: already exists, and a backup is never overwritten");
  CHECK(test::read_file(file + ".orig") == "first");
  CHECK(test::read_file(file) == "second");
}

TEST_CASE("DryRunExecutor prints the plan and changes nothing", "[exec]")
{
  test::TempDir dir;
  const std::string file = dir.write("a.yaml", "old");
  std::ostringstream out;
  adapters::RealFileSystem fs;
  exec::DryRunExecutor executor(fs, out, true);
  const Plan plan{"Rewrite", {Step{"rewrite a", WriteFile{file, "new", std::nullopt}, "DIFF\n"},
                              Step{"reboot", RunCommand{{"reboot"}, {}}, ""}}};
  REQUIRE(executor.execute(plan));
  CHECK(out.str() == core::plan::render_text(plan));
  CHECK(test::read_file(file) == "old");
}

TEST_CASE("DryRunExecutor refuses what a real run would refuse, before printing", "[exec]")
{
  test::TempDir dir;
  const std::string file = dir.write("a.yaml", "old");
  ::chmod(file.c_str(), 0444);
  std::ostringstream out;
  adapters::RealFileSystem fs;
  exec::DryRunExecutor executor(fs, out, true);
  const auto result = executor.execute(Plan{"Rewrite", {Step{"rewrite a", WriteFile{file, "new", std::nullopt}, ""}}});
  REQUIRE_FALSE(result);
  CHECK(result.error().message == file + ": file is read-only");
  CHECK(out.str().empty());
}
