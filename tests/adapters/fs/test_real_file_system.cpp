// RealFileSystem's staged files and directory checks on a real temp directory. write_file_atomic
// goes through the same staged file; tests/exec/test_executor.cpp covers it.
#include "adapters/fs/real_file_system.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>

using namespace devk8s;

namespace {

std::vector<std::string> names_in(const std::filesystem::path& dir)
{
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

unsigned mode_of(const std::string& path)
{
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

} // namespace

TEST_CASE("RealFileSystem::stage writes beside the target and commits atomically", "[fs]")
{
  test::TempDir dir;
  adapters::RealFileSystem fs;
  const std::string target = dir.write("tool", "old");

  SECTION("commit keeps the old file as a backup and renames the new one into place")
  {
    auto staged = fs.stage(target);
    REQUIRE(staged);
    auto& file = **staged;
    CHECK(file.path().rfind(target + ".devk8s-download-", 0) == 0);
    REQUIRE(file.append("partial"));
    REQUIRE(file.truncate());
    CHECK(file.size() == 0);
    REQUIRE(file.append("new "));
    REQUIRE(file.append("content"));
    CHECK(file.size() == 11);
    REQUIRE(file.set_mode(0755));
    REQUIRE(file.close());
    std::string read_back;
    REQUIRE(file.read([&](std::string_view chunk) { read_back.append(chunk); }));
    CHECK(read_back == "new content");
    CHECK(test::read_file(target) == "old"); // nothing changes before commit
    REQUIRE(file.commit(target + ".old"));
    CHECK(test::read_file(target) == "new content");
    CHECK(mode_of(target) == 0755);
    CHECK(test::read_file(target + ".old") == "old");
    staged->reset();
    CHECK(names_in(dir.path()) == std::vector<std::string>{"tool", "tool.old"});
  }
  SECTION("a staged file dropped without commit is removed and the target is untouched")
  {
    {
      auto staged = fs.stage(target);
      REQUIRE(staged);
      REQUIRE((*staged)->append("half"));
      CHECK(names_in(dir.path()).size() == 2);
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"tool"});
    CHECK(test::read_file(target) == "old");
  }
  SECTION("commit without a backup path keeps no backup")
  {
    auto staged = fs.stage(target);
    REQUIRE(staged);
    REQUIRE((*staged)->append("new"));
    REQUIRE((*staged)->commit(std::nullopt));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"tool"});
    CHECK(test::read_file(target) == "new");
  }
}

TEST_CASE("RealFileSystem creates and checks a target directory", "[fs]")
{
  test::TempDir dir;
  adapters::RealFileSystem fs;
  const std::string bin = dir.file("home/.local/bin");
  REQUIRE(fs.create_directories(bin));
  CHECK(fs.kind(bin) == ports::FileKind::directory);
  CHECK(fs.check_directory_writable(bin));

  SECTION("a directory without any write bit is refused")
  {
    std::filesystem::permissions(bin, static_cast<std::filesystem::perms>(0555));
    const auto result = fs.check_directory_writable(bin);
    std::filesystem::permissions(bin, static_cast<std::filesystem::perms>(0755));
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "cannot write in " + bin + ": the directory is read-only");
  }
  SECTION("a path below a regular file cannot be created")
  {
    const std::string file = dir.write("plain", "x");
    const auto result = fs.create_directories(file + "/bin");
    REQUIRE_FALSE(result);
    CHECK(result.error().message.rfind("cannot create " + file + "/bin: ", 0) == 0);
  }
}

TEST_CASE("RealFileSystem::write_file_atomic edits what a symlink points to", "[fs]")
{
  // Finding 7 of issue 9: -i on a symlink replaced the link with a regular file and backed up
  // the link. As sed -i --follow-symlinks does: the target is replaced in its own directory,
  // the link stays, and the backup holds the target's content.
  test::TempDir dir;
  adapters::RealFileSystem fs;
  const std::string target = dir.write("shared/app.yaml", "old");
  ::chmod(target.c_str(), 0640);
  const std::string link = dir.file("k8s/app.yaml");
  std::filesystem::create_directories(dir.file("k8s"));
  std::filesystem::create_symlink("../shared/app.yaml", link);

  REQUIRE(fs.check_writable(link));
  REQUIRE(fs.write_file_atomic(link, "new", link + ".orig"));
  CHECK(std::filesystem::is_symlink(link));
  CHECK(std::filesystem::read_symlink(link) == "../shared/app.yaml");
  CHECK(test::read_file(target) == "new");
  CHECK(mode_of(target) == 0640);
  CHECK_FALSE(std::filesystem::is_symlink(link + ".orig"));
  CHECK(test::read_file(link + ".orig") == "old");
  CHECK(names_in(dir.file("shared")) == std::vector<std::string>{"app.yaml"}); // no temp file left
  CHECK(names_in(dir.file("k8s")) == std::vector<std::string>{"app.yaml", "app.yaml.orig"});

  SECTION("a link to a read-only file is read-only")
  {
    ::chmod(target.c_str(), 0444);
    const auto result = fs.check_writable(link);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == link + ": file is read-only");
  }
}
