#include "cli/table.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace devk8s;
using cli::Table;

namespace {

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  for (const auto line : util::split(text, '\n')) {
    lines.emplace_back(line);
  }
  if (!lines.empty() && lines.back().empty()) {
    lines.pop_back();
  }
  return lines;
}

// The terminal column where `part` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& part)
{
  return util::utf8::display_width(line.substr(0, line.find(part)));
}

} // namespace

TEST_CASE("Table aligns columns by terminal width: CJK takes two columns", "[cli][table]")
{
  Table table({"REFERENCE", "RESULT", "MESSAGE"});
  table.add({"a", "not-found", "镜像不存在"}); // Aliyun answers in Chinese
  table.add({"阿里云镜像", "found", "ok"});
  table.add({"b", "denied", "x"});
  std::ostringstream out;
  table.print(out);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 4);
  CHECK(column_of(lines[0], "RESULT") == column_of(lines[1], "not-found"));
  CHECK(column_of(lines[0], "RESULT") == column_of(lines[2], "found"));
  CHECK(column_of(lines[0], "RESULT") == column_of(lines[3], "denied"));
  CHECK(column_of(lines[0], "RESULT") == 13); // 10 columns of 阿里云镜像 + 3
}

TEST_CASE("Table fits a width by wrapping the wrappable columns", "[cli][table]")
{
  Table table({"STATUS", "CHECK", "FINDING", "ACTION"});
  table.wrappable(2);
  table.wrappable(3);
  const std::string finding = "requested memory allocation 1024 MiB is less than the usable minimum of 1800 MB";
  const std::string action = "no value fits this host: the largest value that leaves 1024 MiB to the system is "
                             "--memory=809mb, below 1800; keep --memory=1024mb with --force (devk8s adds it)";
  table.add({"fail", "memory.minimum", finding, action});
  table.add({"ok", "kernel", "Linux 6.1", "-"});
  SECTION("no limit: one line per row, as before")
  {
    std::ostringstream out;
    table.print(out);
    CHECK(lines_of(out.str()).size() == 3);
  }
  for (const std::size_t width : {80U, 100U, 160U}) {
    SECTION("width " + std::to_string(width))
    {
      std::ostringstream out;
      table.print(out, width);
      const auto lines = lines_of(out.str());
      CHECK(lines.size() > 3);
      std::string finding_words;
      for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(util::utf8::display_width(line) <= width);
      }
      // Continuation lines keep the FINDING column where it started and leave STATUS/CHECK blank.
      const std::size_t finding_column = column_of(lines[0], "FINDING");
      CHECK(column_of(lines[1], "requested") == finding_column);
      CHECK(lines[2].substr(0, finding_column).find_first_not_of(' ') == std::string::npos);
      CHECK(lines.back().rfind("ok", 0) == 0);
    }
  }
  SECTION("too narrow for the fixed columns: the wrappable ones keep 12 columns")
  {
    std::ostringstream out;
    table.print(out, 20);
    for (const auto& line : lines_of(out.str())) {
      CHECK(util::utf8::display_width(line) <= 6 + 3 + 14 + 3 + 12 + 3 + 12);
    }
  }
}

TEST_CASE("wrap_text breaks at spaces, and inside a word only between characters", "[cli][table]")
{
  CHECK(cli::wrap_text("aaa bbb ccc", 7) == std::vector<std::string>{"aaa bbb", "ccc"});
  CHECK(cli::wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(cli::wrap_text("阿里云镜像", 4) == std::vector<std::string>{"阿里", "云镜", "像"});
  CHECK(cli::wrap_text("阿里云镜像", 5) == std::vector<std::string>{"阿里", "云镜", "像"});
  CHECK(cli::wrap_text("", 4) == std::vector<std::string>{""});
  CHECK(cli::wrap_text("a\x80\x80\x80\x80\x80 b", 3).size() == 3); // bad bytes: one column each, never split
}
