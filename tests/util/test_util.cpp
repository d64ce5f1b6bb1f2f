#include "util/edit_distance.hpp"
#include "util/shell_quote.hpp"
#include "util/splice.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::util;

TEST_CASE("edit_distance and nearest", "[util]")
{
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("mirror", "mirorr") == 2);
  CHECK(edit_distance("kitten", "sitting") == 3);
  const std::vector<std::string> fields = {"exact", "flatten", "prefix", "to", "tags", "join", "note"};
  CHECK(nearest("too", fields) == std::optional<std::string>("to"));
  CHECK(nearest("flaten", fields) == std::optional<std::string>("flatten"));
  CHECK(nearest("registry", fields) == std::nullopt);
  CHECK(nearest("pre", fields) == std::optional<std::string>("prefix")); // the one it abbreviates
  CHECK(nearest("ta", {"tags", "tagged"}) == std::nullopt); // too short to guess
  CHECK(nearest("tagx", {"tags-a", "tags-b"}) == std::nullopt);
  // Found by fuzzing: a kubeconfig of long context names made every suggestion a full table.
  const std::size_t bound = devk8s::util::k_max_suggested_length;
  const auto one_off = [](std::size_t length) { return std::string(length - 1, 'c') + "d"; };
  CHECK(nearest(std::string(bound, 'c'), {one_off(bound)}) == one_off(bound));
  CHECK(nearest(std::string(bound + 1, 'c'), {one_off(bound + 1)}) == std::nullopt);
  CHECK(nearest("contxt", {std::string(10000, 'c'), "context"}) == std::optional<std::string>("context"));
}

TEST_CASE("shell_quote makes any word safe for a POSIX shell", "[util]")
{
  CHECK(shell_quote("registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5") ==
        "registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("$(reboot)") == "'$(reboot)'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("a;b|c&d>e") == "'a;b|c&d>e'");
  CHECK(shell_join({"docker", "tag", "x y", "--flag=1"}) == "docker tag 'x y' --flag=1");
}

TEST_CASE("strings helpers", "[util]")
{
  CHECK(split("a,b,,c", ',') == std::vector<std::string_view>{"a", "b", "", "c"});
  CHECK(trim("  x y \r\n") == "x y");
  CHECK(to_lower("ABC-d") == "abc-d");
  CHECK(quoted("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\x01\"");
}

TEST_CASE("apply_splices and unified_diff", "[util]")
{
  const std::string text = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n";
  SECTION("no splices: same text, empty diff")
  {
    CHECK(apply_splices(text, {}) == text);
    CHECK(unified_diff(text, {}, "a", "b").empty());
  }
  SECTION("one word in the middle, three lines of context")
  {
    const std::vector<Splice> s = {{text.find("five"), text.find("five") + 4, "FIVE"}};
    CHECK(apply_splices(text, s) == "one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\nnine\nten\n");
    CHECK(unified_diff(text, s, "a/f", "b/f") ==
          "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n seven\n eight\n");
  }
  SECTION("changes far apart make two hunks; close ones merge")
  {
    const std::vector<Splice> far = {{0, 3, "ONE"}, {text.find("ten"), text.find("ten") + 3, "TEN"}};
    const std::string d = unified_diff(text, far, "a", "b");
    CHECK(d.find("@@ -1,4 +1,4 @@") != std::string::npos);
    CHECK(d.find("@@ -7,4 +7,4 @@") != std::string::npos);
    const std::vector<Splice> near = {{0, 3, "ONE"}, {text.find("six"), text.find("six") + 3, "SIX"}};
    CHECK(unified_diff(text, near, "a", "b").find("@@ -1,9 +1,9 @@") != std::string::npos);
  }
  SECTION("a last line without a newline is marked")
  {
    const std::string t = "a\nb";
    CHECK(unified_diff(t, {{2, 3, "B"}}, "a", "b") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n");
  }
  SECTION("a splice that adds lines shifts later hunks")
  {
    const std::vector<Splice> s = {{0, 3, "1\n1b"}, {text.find("ten"), text.find("ten") + 3, "TEN"}};
    const std::string d = unified_diff(text, s, "a", "b");
    CHECK(d.find("@@ -1,4 +1,5 @@") != std::string::npos);
    CHECK(d.find("@@ -7,4 +8,4 @@") != std::string::npos);
  }
}

#include "util/duration.hpp"

TEST_CASE("parse_duration takes Go's forms and bare seconds", "[util]")
{
  using std::chrono::milliseconds;
  struct Case {
    std::string text;
    long long ms;
  };
  for (const auto& c : std::vector<Case>{{"10", 10000}, {"0.5", 500}, {"3s", 3000}, {"500ms", 500}, {"2m", 120000},
                                         {"1m30s", 90000}, {"1.5h", 5400000}, {"0", 0}}) {
    CAPTURE(c.text);
    auto d = parse_duration(c.text);
    REQUIRE(d);
    CHECK(*d == milliseconds(c.ms));
  }
  CHECK(*parse_duration("8760h") == std::chrono::hours(8760));
  CHECK(parse_duration("8760h1ms").error().message == "invalid duration \"8760h1ms\": too large: at most 8760h (a year)");
  for (const std::string bad : {"", "-1s", "abc", "3x", "1.2.3s", "5m3", "s", "3000000h", "1e400"}) {
    CAPTURE(bad);
    auto d = parse_duration(bad);
    REQUIRE_FALSE(d);
    CHECK(d.error().message.rfind("invalid duration \"" + bad + "\"", 0) == 0);
  }
}

TEST_CASE("redact_url_credentials hides a URL's user and password, nothing else", "[util]")
{
  using devk8s::util::redact_url_credentials;
  CHECK(redact_url_credentials("| start | --docker-env HTTPS_PROXY=http://alice:s3cr%40t@proxy:3128 | minikube |") ==
        "| start | --docker-env HTTPS_PROXY=http://***@proxy:3128 | minikube |");
  CHECK(redact_url_credentials("a https://u:p@h/x and socks5://v@h2 b") == "a https://***@h/x and socks5://***@h2 b");
  CHECK(redact_url_credentials("no url, an @ sign, and https://host/path@v1") == "no url, an @ sign, and https://host/path@v1");
  CHECK(redact_url_credentials("://@ ends") == "://@ ends");
  CHECK(redact_url_credentials("") == "");
}
