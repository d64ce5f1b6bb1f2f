#include "core/registry/www_authenticate.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;

TEST_CASE("parse_www_authenticate", "[registry]")
{
  SECTION("Docker Hub's Bearer challenge (token spec, 'How to authenticate')")
  {
    const auto c = parse_www_authenticate(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/redis:pull")");
    REQUIRE(c.size() == 1);
    CHECK(c[0].is_bearer());
    CHECK(c[0].param("realm") == "https://auth.docker.io/token");
    CHECK(c[0].param("service") == "registry.docker.io");
    CHECK(c[0].param("scope") == "repository:library/redis:pull");
  }
  SECTION("an error parameter and spaces after commas")
  {
    const auto c = parse_www_authenticate(
        R"(Bearer realm="https://r/token", service="r", scope="repository:a/b:pull", error="insufficient_scope")");
    REQUIRE(c.size() == 1);
    CHECK(c[0].param("error") == "insufficient_scope");
    CHECK(c[0].param("scope") == "repository:a/b:pull");
  }
  SECTION("Basic from htpasswd auth (distribution registry/auth/htpasswd)")
  {
    const auto c = parse_www_authenticate(R"(Basic realm="devk8s-test")");
    REQUIRE(c.size() == 1);
    CHECK(c[0].is_basic());
    CHECK(c[0].param("realm") == "devk8s-test");
  }
  SECTION("scheme and parameter names are case-insensitive; escapes in quoted strings")
  {
    const auto c = parse_www_authenticate(R"(BEARER Realm="https://r/t\"x",SERVICE=plain)");
    REQUIRE(c.size() == 1);
    CHECK(c[0].is_bearer());
    CHECK(c[0].param("realm") == "https://r/t\"x");
    CHECK(c[0].param("service") == "plain");
  }
  SECTION("several challenges in one header; Bearer is preferred")
  {
    const auto c = parse_www_authenticate(R"(Basic realm="a", Bearer realm="https://r/token",service="s")");
    REQUIRE(c.size() == 2);
    CHECK(c[0].is_basic());
    CHECK(c[1].param("service") == "s");
    const auto p = preferred_challenge(c);
    REQUIRE(p);
    CHECK(p->is_bearer());
  }
  SECTION("garbage yields no usable challenge, never a crash")
  {
    for (const char* text : {"", ",,,", "=\"x\"", "\"unterminated", "Bearer realm=\"", "Negotiate abc=="}) {
      CAPTURE(text);
      const auto c = parse_www_authenticate(text);
      const auto p = preferred_challenge(c);
      CHECK((!p || p->is_basic() || !p->param("realm").empty()));
    }
    CHECK_FALSE(preferred_challenge(parse_www_authenticate("Bearer service=\"x\"")));
  }
}
