// One nesting limit for every YAML and JSON input (issue #9, finding 2): a hostile input fails
// at the first level past the limit, fast, with file:line:column, in every reader.
#include "core/image/manifest_rewriter.hpp"
#include "core/image/mirror_map.hpp"
#include "core/install/download_sources.hpp"
#include "core/kube/kubeconfig.hpp"
#include "core/registry/docker_config.hpp"
#include "core/registry/token.hpp"
#include "core/yaml/depth_check.hpp"
#include "util/json_parse.hpp"
#include "util/nesting.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace devk8s;

namespace {

std::string repeat(const std::string& text, std::size_t n)
{
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += text;
  }
  return out;
}

// `kind: Pod` with spec nested `depth` sequences deep: the first input.
std::string deep_spec(std::size_t depth)
{
  return "kind: Pod\nspec: " + std::string(depth, '[') + std::string(depth, ']') + "\n";
}

// `{a: {a: ... 1}}`: the second input.
std::string deep_map(std::size_t depth)
{
  return repeat("{a: ", depth) + "1" + std::string(depth, '}') + "\n";
}

std::string deep_json(std::size_t depth)
{
  return repeat("{\"a\":", depth) + "1" + std::string(depth, '}');
}

template <typename F>
double seconds_of(F&& f)
{
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const core::image::MirrorMap& cn()
{
  static const core::image::MirrorMap map = [] {
    auto catalog = core::image::builtin_catalog();
    REQUIRE(catalog);
    return *catalog->find("cn");
  }();
  return map;
}

} // namespace

TEST_CASE("the nesting limit: manifests fail fast at the first level too deep", "[yaml][rewrite]")
{
  SECTION("100,000 sequences deep under spec")
  {
    const std::string text = deep_spec(100000);
    util::Result<core::image::RewriteResult> r = util::failure("not run");
    const double took = seconds_of([&] { r = core::image::rewrite_manifest(text, cn()); });
    REQUIRE_FALSE(r);
    // The root mapping is level 1, so the 256th '[' (column 6 + 256) is level 257.
    CHECK(r.error().message == "2:262: nesting deeper than 256 levels");
    CHECK(took < 1.0);
  }
  SECTION("100,000 mappings deep")
  {
    const std::string text = deep_map(100000);
    util::Result<core::image::RewriteResult> r = util::failure("not run");
    const double took = seconds_of([&] { r = core::image::rewrite_manifest(text, cn()); });
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "1:1025: nesting deeper than 256 levels");
    CHECK(took < 1.0);
  }
  SECTION("256 levels are fine")
  {
    CHECK(core::image::rewrite_manifest(deep_spec(255), cn()));
    CHECK(core::image::rewrite_manifest(deep_map(256), cn()));
    CHECK_FALSE(core::image::rewrite_manifest(deep_map(257), cn()));
  }
}

TEST_CASE("the nesting limit: YAML data files say file:line:column, not \"bad file\"", "[yaml]")
{
  SECTION("check_depth")
  {
    CHECK(core::yaml::check_depth(deep_map(256)));
    const auto r = core::yaml::check_depth(deep_map(257));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "1:1025: nesting deeper than 256 levels");
    CHECK(core::yaml::check_depth("a: [unclosed\n")); // syntax errors are the caller parser's to word
  }
  SECTION("a mirror map nested 50,000 deep")
  {
    const std::string text = "name: m\nrules: " + deep_map(50000);
    util::Result<core::image::MirrorMap> r = util::failure("not run");
    const double took = seconds_of([&] { r = core::image::parse_mirror_map(text, "m.yaml", "m"); });
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "m.yaml:2:1028: nesting deeper than 256 levels");
    CHECK(took < 1.0);
  }
  SECTION("download sources")
  {
    const auto r = core::install::parse_download_sources("sources: " + deep_map(100000), "d.yaml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "d.yaml:1:1030: nesting deeper than 256 levels");
  }
  SECTION("a kubeconfig")
  {
    const auto r = core::kube::select_context({{"/k/config", "clusters: " + deep_map(100000)}}, "");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "/k/config:1:1031: nesting deeper than 256 levels");
  }
}

TEST_CASE("the nesting limit: JSON answers and files", "[yaml][registry]")
{
  SECTION("util::parse_json")
  {
    CHECK(util::parse_json(deep_json(256)));
    util::Result<nlohmann::json> r = util::failure("not run");
    const double took = seconds_of([&] { r = util::parse_json(deep_json(100000)); });
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "1:1281: nesting deeper than 256 levels");
    CHECK(took < 1.0);
    // Brackets inside strings do not count.
    CHECK(util::parse_json("{\"a\":\"" + std::string(1000, '[') + "\"}"));
  }
  SECTION("Docker's config.json")
  {
    const auto r = core::registry::parse_docker_config("{\n\"auths\": " + deep_json(1000) + "}", "/h/.docker/config.json");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "/h/.docker/config.json:2:1285: nesting deeper than 256 levels");
  }
  SECTION("a token answer")
  {
    const auto r = core::registry::parse_token_response("[" + deep_json(1000) + "]", {});
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "token service answer is not a JSON object: 1:1277: nesting deeper than 256 levels");
  }
}

TEST_CASE("YAML data files place a NUL or a bad UTF-8 byte where it is", "[yaml]")
{
  const std::string head = "name: m\nrules:\n  - prefix: quay.io\n    to: q.example\n";
  const auto nul = core::image::parse_mirror_map(head + std::string("    note: a\0b\n", 14), "m.yaml", "m");
  REQUIRE_FALSE(nul);
  CHECK(nul.error().message == "m.yaml:5:12: control characters are not allowed (U+0000)");
  const auto utf8 = core::image::parse_mirror_map(head + "    note: \xc3\xa9\xff\n", "m.yaml", "m");
  REQUIRE_FALSE(utf8);
  CHECK(utf8.error().message == "m.yaml:5:12: invalid leading UTF-8 octet (byte \\xff)");
}
