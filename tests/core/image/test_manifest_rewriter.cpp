#include "core/image/manifest_rewriter.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace devk8s::core::image;
using devk8s::test::read_file;

namespace {

const MirrorMap& cn()
{
  static const MirrorMap map = [] {
    auto catalog = builtin_catalog();
    REQUIRE(catalog);
    return *catalog->find("cn");
  }();
  return map;
}

RewriteResult rewrite_ok(const std::string& text, const MirrorMap& map = cn())
{
  auto result = rewrite_manifest(text, map);
  INFO((result ? std::string() : result.error().message));
  REQUIRE(result);
  return *result;
}

std::string fixture(const std::string& name)
{
  return std::string(DEVK8S_SOURCE_DIR) + "/tests/fixtures/manifests/" + name;
}

// Golden files hold the unified diff of each fixture's rewrite, reviewed by hand.
// DEVK8S_UPDATE_GOLDEN=1 rewrites them; review `git diff tests/golden` before committing.
void check_golden(const std::string& name, const std::string& actual)
{
  const std::string path = std::string(DEVK8S_SOURCE_DIR) + "/tests/golden/rewrite/" + name + ".diff";
  if (std::getenv("DEVK8S_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  CHECK(actual == read_file(path));
}

} // namespace

TEST_CASE("rewrite_manifest golden files", "[rewrite]")
{
  for (const std::string name :
       {"helm-redis.yaml", "every-kind.yaml", "styles.yaml", "list.json", "crlf-utf8.yaml", "kubectl-list.yaml"}) {
    SECTION(name)
    {
      const std::string input = read_file(fixture(name));
      REQUIRE_FALSE(input.empty());
      const RewriteResult result = rewrite_ok(input);
      const std::string output = devk8s::util::apply_splices(input, result.splices);
      check_golden(name, devk8s::util::unified_diff(input, result.splices, "a/" + name, "b/" + name));

      // Byte-identical outside the rewritten values: putting the old values back gives the input.
      std::vector<devk8s::util::Splice> back;
      std::ptrdiff_t shift = 0;
      for (const auto& s : result.splices) {
        const auto begin = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(s.begin) + shift);
        back.push_back({begin, begin + s.text.size(), input.substr(s.begin, s.end - s.begin)});
        shift += static_cast<std::ptrdiff_t>(s.text.size()) - static_cast<std::ptrdiff_t>(s.end - s.begin);
      }
      CHECK(devk8s::util::apply_splices(output, back) == input);

      // Rewriting the output again changes nothing: every new value is already on the mirror.
      CHECK(rewrite_ok(output).splices.empty());

      // The diff is a real unified diff: patch(1) turns the input into the output with it.
      devk8s::test::TempDir dir;
      const std::string target = dir.write(name, input);
      dir.write("p.diff", devk8s::util::unified_diff(input, result.splices, name, name));
      const std::string cmd = "cd '" + dir.path().string() + "' && patch -s " + name + " p.diff >/dev/null 2>&1";
      CHECK(std::system(cmd.c_str()) == 0);
      CHECK(read_file(target) == output);
    }
  }
}

TEST_CASE("rewrite_manifest finds exactly the workload image fields", "[rewrite]")
{
  SECTION("helm output: workloads only, with kind, name and container")
  {
    const RewriteResult r = rewrite_ok(read_file(fixture("helm-redis.yaml")));
    REQUIRE(r.changes.size() == 3);
    CHECK(r.images == 3);
    CHECK(r.documents == 3);
    CHECK(r.changes[0].field.kind == "StatefulSet");
    CHECK(r.changes[0].field.name == "redis-master");
    CHECK(r.changes[0].field.container == "volume-permissions");
    CHECK(r.changes[0].field.field == "initContainers");
    CHECK(r.changes[2].field.container == "metrics"); // name after image
    CHECK(r.changes[2].field.style == ScalarStyle::single_quoted);
  }
  SECTION("every kind at its own path")
  {
    const RewriteResult r = rewrite_ok(read_file(fixture("every-kind.yaml")));
    std::vector<std::string> seen;
    for (const auto& c : r.changes) {
      seen.push_back(c.field.kind + "/" + c.field.name + "/" + c.field.field + "/" + c.field.container);
    }
    CHECK(seen == std::vector<std::string>{
                      "Pod/p/containers/c", "Pod/p/ephemeralContainers/debugger", "Deployment/d/containers/app",
                      "DaemonSet/ds/containers/proxy", "ReplicaSet/rs/containers/a", "ReplicationController/rc/containers/a",
                      "Job/j/containers/pi", "CronJob/cj/initContainers/wait", "CronJob/cj/containers/hello",
                      "Deployment/late-kind/containers/pause", "Pod/odd/containers/real"});
  }
  SECTION("List items, nested Lists, JSON")
  {
    const RewriteResult r = rewrite_ok(read_file(fixture("list.json")));
    REQUIRE(r.changes.size() == 2);
    CHECK(r.changes[0].resolution.kind == ResolutionKind::repaired);
    CHECK(r.changes[1].field.name == "nested");
  }
  SECTION("warnings for what is left alone")
  {
    const RewriteResult r = rewrite_ok(read_file(fixture("styles.yaml")));
    std::vector<std::string> messages;
    for (const auto& w : r.warnings) {
      messages.push_back(std::to_string(w.line) + ": " + w.message);
    }
    CAPTURE(messages);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0] == "12: image is an alias (*img); rewrite its anchor instead");
    CHECK(messages[1].rfind("22: invalid image reference \"{{ .Values.image }}\"", 0) == 0);
  }
}

TEST_CASE("rewrite_manifest rejects malformed YAML with line and column", "[rewrite]")
{
  struct Case {
    std::string yaml, expected;
  };
  const std::vector<Case> cases = {
      {"kind: Pod\nspec:\n  containers:\n  - image: [nginx\n", "5:1: did not find expected ',' or ']'"},
      {"a: b\n c: d\n", "2:3: mapping values are not allowed in this context"},
      {"kind: Pod\n\tspec: {}\n", "2:1: found a tab character that violates indentation"},
      {"a: \"unterminated\n", "2:1: found unexpected end of stream"},
      {"a: *nope\n", "1:4: found undefined alias \"nope\""},
      {"---\nkind: Pod\n---\n- a\nb: c\n", "5:1: did not find expected '-' indicator"},
      {"\xff\xfe" "a\0:\0", "UTF-16 input is not supported"},
      {"a: \xc3\n", "1:5: invalid trailing UTF-8 octet (byte \\x0a)"}, // the byte that cannot follow
      // The reader's errors carry an offset, not a mark: placed by it, not at 1:1.
      {std::string("a: b\nc: d\ne: f\ng: h\ni: \0j\n", 26), "5:4: control characters are not allowed (U+0000)"},
      {"a: b\nc: d\ne: f\ng: h\ni: j\xffk\n", "5:5: invalid leading UTF-8 octet (byte \\xff)"},
      {"a: b\nc: d\ne: f\ng: h\ni: \xc3\xa9\xc3\n", "5:6: invalid trailing UTF-8 octet (byte \\x0a)"},
      {"a: b\nc: \xc3", "2:4: incomplete UTF-8 octet sequence"},
  };
  for (const auto& c : cases) {
    SECTION(c.expected)
    {
      auto r = rewrite_manifest(c.yaml, cn());
      REQUIRE_FALSE(r);
      CAPTURE(r.error().message);
      CHECK(r.error().message.find(c.expected) != std::string::npos);
    }
  }
}

TEST_CASE("rewrite_manifest on empty and image-free input", "[rewrite]")
{
  CHECK(rewrite_ok("").splices.empty());
  CHECK(rewrite_ok("---\n...\n").splices.empty());
  CHECK(rewrite_ok("# only a comment\n").splices.empty());
  CHECK(rewrite_ok("kind: Service\nspec:\n  ports: [{port: 80}]\n").images == 0);
}

TEST_CASE("rewrite_manifest warns for every container image it leaves alone", "[rewrite]")
{
  // Line 1 holds the anchor, outside any container; the containers start on line 6.
  const std::string head = "x-base: &c {name: base, image: redis}\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n";
  struct Case {
    std::string containers;
    std::string warning; // "" for none
    std::size_t changes;
  };
  const std::vector<Case> cases = {
      {"  - *c\n", "6:5: container is an alias (*c); images behind an alias are not rewritten here, only at its anchor &c", 0},
      {"  - <<: *c\n    name: a\n",
       "6:5: container merges *c (<<); an image it brings is not rewritten here, only at its anchor &c", 0},
      {"  - <<: *c\n    image: nginx\n", "", 1}, // its own image wins over the merged one
      {"  - name: a\n    image: 42\n", "7:12: image is 42, a number, not a string; left as is", 0},
      {"  - name: a\n    image: 1.5e3\n", "7:12: image is 1.5e3, a number, not a string; left as is", 0},
      {"  - name: a\n    image: [a]\n", "7:12: image is a sequence, not a string; left as is", 0},
      {"  - name: a\n    image: {}\n", "7:12: image is a mapping, not a string; left as is", 0},
      {"  - name: a\n    image: null\n", "7:12: image is null, not a string; left as is", 0},
      {"  - name: a\n    image: ~\n", "7:12: image is null, not a string; left as is", 0},
      {"  - name: a\n    image: yes\n", "7:12: image is yes, a boolean, not a string; left as is", 0},
      {"  - name: a\n    image: !!int 7\n", "7:12: image is 7, tagged !!int, not a string; left as is", 0},
      {"  - name: a\n    image: \"42\"\n", "", 1},  // quoted: a string, however odd
      {"  - name: a\n    image: !!str 42\n", "", 1}, // tagged a string
      {"  - name: a\n    image: nginx.1\n", "", 1},
  };
  for (const auto& c : cases) {
    SECTION(c.containers)
    {
      const RewriteResult r = rewrite_ok(head + c.containers);
      std::vector<std::string> warnings;
      for (const auto& w : r.warnings) {
        warnings.push_back(std::to_string(w.line) + ":" + std::to_string(w.column) + ": " + w.message);
      }
      CAPTURE(warnings);
      CHECK(warnings == (c.warning.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.warning}));
      CHECK(r.changes.size() == c.changes);
    }
  }
  SECTION("a container list behind an alias, in a Deployment")
  {
    const RewriteResult r = rewrite_ok("x: &l [{name: a, image: redis}]\nkind: Deployment\nspec:\n  template:\n"
                                       "    spec:\n      initContainers: *l\n");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].line == 6);
    CHECK(r.warnings[0].message ==
          "initContainers is an alias (*l); images behind an alias are not rewritten here, only at its anchor &l");
  }
  SECTION("JSON numbers and nulls")
  {
    const RewriteResult r =
        rewrite_ok(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":42},{"name":"b","image":null}]}})");
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0].message == "image is 42, a number, not a string; left as is");
    CHECK(r.warnings[1].message == "image is null, not a string; left as is");
    CHECK(r.changes.empty());
  }
  SECTION("not a workload: no container images, no warnings")
  {
    const RewriteResult r = rewrite_ok("x: &x {}\nkind: ConfigMap\nspec:\n  containers:\n  - image: 42\n  - *x\n");
    CHECK(r.warnings.empty());
  }
}
