#include "core/registry/token.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;
using namespace std::chrono;

// Response shape: distribution docs/spec/auth/token.md, "Token Response Fields".
TEST_CASE("parse_token_response and TokenCache", "[registry]")
{
  const TimePoint now{seconds(1000)};
  SECTION("token, expires_in, issued_at")
  {
    const auto t = parse_token_response(R"({"token":"abc","access_token":"abc","expires_in":300,"issued_at":"2026-11-22T01:00:00Z"})", now);
    REQUIRE(t);
    CHECK(t->value == "abc");
    CHECK(t->expires == now + seconds(270)); // 10% early
  }
  SECTION("access_token alone; expires_in defaults to 60 s")
  {
    const auto t = parse_token_response(R"({"access_token":"xyz"})", now);
    REQUIRE(t);
    CHECK(t->value == "xyz");
    CHECK(t->expires == now + seconds(54));
  }
  SECTION("no token, or not JSON")
  {
    CHECK_FALSE(parse_token_response(R"({"expires_in":60})", now));
    CHECK_FALSE(parse_token_response("<html>", now));
  }
  SECTION("the cache keys on registry and scope and forgets expired tokens")
  {
    TokenCache cache;
    cache.put("https://r", "repository:a:pull", Token{"t1", now + seconds(10)});
    CHECK(cache.get("https://r", "repository:a:pull", now) == "t1");
    CHECK_FALSE(cache.get("https://r", "repository:b:pull", now));
    CHECK_FALSE(cache.get("https://other", "repository:a:pull", now));
    CHECK_FALSE(cache.get("https://r", "repository:a:pull", now + seconds(10)));
  }
  SECTION("token_url encodes the query")
  {
    CHECK(token_url("https://auth.docker.io/token", "registry.docker.io", "repository:library/redis:pull") ==
          "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fredis%3Apull");
    CHECK(token_url("https://r/t?x=1", "", "s") == "https://r/t?x=1&scope=s");
  }
}
