// The check every plan passes before its first change, and the backup names that never
// overwrite an earlier backup; on the fake file system.
#include "exec/plan_check.hpp"
#include "support/fake_file_system.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::plan::InstallBinary;
using core::plan::Plan;
using core::plan::Step;
using core::plan::WriteFile;

namespace {

Step write(const std::string& path, std::optional<std::string> backup)
{
  return Step{"rewrite " + path, WriteFile{path, "new", std::move(backup)}, ""};
}

const std::optional<std::string>& backup_of(const Plan& plan, std::size_t i)
{
  return std::get<WriteFile>(plan.steps[i].action).backup;
}

} // namespace

TEST_CASE("assign_free_backups keeps every earlier backup", "[exec]")
{
  test::FakeFileSystem fs;
  fs.files["k8s/a.yaml"] = "a";
  fs.files["k8s/b.yaml"] = "b";
  fs.files["k8s/c.yaml"] = "c";
  fs.files["k8s/b.yaml.orig"] = "an earlier original";
  fs.files["k8s/c.yaml.orig/x"] = "a directory in the way";
  fs.files["k8s/c.yaml.orig.1"] = "another earlier original";
  Plan plan{"t", {write("k8s/a.yaml", "k8s/a.yaml.orig"), write("k8s/b.yaml", "k8s/b.yaml.orig"),
                  write("k8s/c.yaml", "k8s/c.yaml.orig"), write("k8s/d.yaml", std::nullopt)}};
  exec::assign_free_backups(plan, fs);
  CHECK(backup_of(plan, 0) == "k8s/a.yaml.orig");
  CHECK(backup_of(plan, 1) == "k8s/b.yaml.orig.1");
  CHECK(backup_of(plan, 2) == "k8s/c.yaml.orig.2");
  CHECK_FALSE(backup_of(plan, 3));
  CHECK(exec::check_plan(plan, fs));

  SECTION("a backup name another step writes is not used")
  {
    Plan clash{"t", {write("x.yaml.bak", std::nullopt), write("x.yaml", "x.yaml.bak")}};
    fs.files["x.yaml"] = "x";
    exec::assign_free_backups(clash, fs);
    CHECK(backup_of(clash, 1) == "x.yaml.bak.1");
  }
}

TEST_CASE("check_plan lists every problem before anything changes", "[exec]")
{
  test::FakeFileSystem fs;
  fs.files["a.yaml"] = "a";
  fs.files["b.yaml"] = "b";
  fs.files["b.yaml.orig"] = "an earlier original";
  fs.files["ro.yaml"] = "r";
  fs.read_only.insert("ro.yaml");
  fs.files["dir.yaml/x"] = "";

  SECTION("targets and backups")
  {
    const Plan plan{"t", {write("a.yaml", "a.yaml.orig"), write("b.yaml", "b.yaml.orig"), write("ro.yaml", std::nullopt),
                          write("dir.yaml", std::nullopt), write("./a.yaml", std::nullopt)}};
    const auto result = exec::check_plan(plan, fs);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "b.yaml.orig: already exists, and a backup is never overwritten\n"
                                    "ro.yaml: file is read-only\n"
                                    "dir.yaml: is a directory\n"
                                    "./a.yaml: written by step 1 and step 5");
    CHECK(result.error().hint == "move the backup out of the way; make the files writable; nothing was changed");
  }
  SECTION("an install directory: created below a writable one, refused below a read-only one or a file")
  {
    InstallBinary install;
    install.tool = "kubectl";
    install.path = "/home/u/.local/bin/kubectl";
    CHECK(exec::check_plan(Plan{"t", {Step{"install", install, ""}}}, fs));

    fs.read_only.insert("/home/u");
    fs.files["/home/u/notes"] = "";
    auto refused = exec::check_plan(Plan{"t", {Step{"install", install, ""}}}, fs);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "cannot create /home/u/.local/bin: cannot write in /home/u: the directory is read-only");
    CHECK(refused.error().hint == std::string(exec::k_install_dir_hint) + "; nothing was changed");

    install.path = "/home/u/notes/bin/kubectl";
    refused = exec::check_plan(Plan{"t", {Step{"install", install, ""}}}, fs);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "cannot create /home/u/notes/bin: /home/u/notes is not a directory");
  }
  CHECK(fs.writes.empty());
}
