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
  SECTION("issued_at: a token issued earlier lives only what is left of its lifetime")
  {
    const auto wall = parse_rfc3339("2026-11-22T01:02:00Z");
    REQUIRE(wall);
    const std::string json = R"({"token":"t","expires_in":300,"issued_at":"2026-11-22T01:00:00Z"})";
    CHECK(parse_token_response(json, now, *wall)->expires == now + seconds(180 - 18));
    // A server clock ahead of ours is not held against the token.
    CHECK(parse_token_response(json, now, *wall - minutes(5))->expires == now + seconds(270));
    // Long expired on arrival: usable once, never cached.
    CHECK(parse_token_response(json, now, *wall + hours(1))->expires == now);
  }
  SECTION("parse_rfc3339")
  {
    using std::chrono::system_clock;
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == system_clock::time_point(seconds(0)));
    CHECK(parse_rfc3339("2000-03-01T00:00:00Z") == system_clock::time_point(seconds(951868800)));
    CHECK(parse_rfc3339("2026-11-22T09:00:00.123456+08:00") == parse_rfc3339("2026-11-22T01:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-22"));
    CHECK_FALSE(parse_rfc3339("2026-13-22T01:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-22T01:00:00"));
    // Found by fuzzing (tests/fuzz/regressions/registry_text): past 2262 the nanosecond clock overflowed.
    CHECK_FALSE(parse_rfc3339("4052-11-22T01:00:00Z"));
    CHECK_FALSE(parse_rfc3339("1600-01-01T00:00:00Z"));
    CHECK(parse_rfc3339("2261-12-31T23:59:59Z"));
    const auto far = parse_token_response(R"({"token":"c","issued_at":"4052-11-22T01:00:00Z"})", now,
                                          parse_rfc3339("2026-11-22T01:02:00Z"));
    REQUIRE(far);
    CHECK(far->expires == now + seconds(54)); // the issue time is ignored, as when absent
  }
  SECTION("access_token alone; expires_in defaults to 60 s")
  {
    const auto t = parse_token_response(R"({"access_token":"xyz"})", now);
    REQUIRE(t);
    CHECK(t->value == "xyz");
    CHECK(t->expires == now + seconds(54));
  }
  SECTION("expires_in extremes: capped at 24 h; zero or negative mean the spec's 60 s")
  {
    const auto expires = [&](const std::string& value) {
      const auto t = parse_token_response(R"({"token":"t","expires_in":)" + value + "}", now);
      REQUIRE(t);
      return t->expires;
    };
    const auto day = now + seconds(86400 - 8640); // 24 h, 10% early
    CHECK(expires("9223372036854775807") == day);  // LLONG_MAX: used to overflow
    CHECK(expires("9000000000000000000") == day);
    CHECK(expires("18446744073709551615") == day); // UINT64_MAX
    CHECK(expires("86401") == day);
    CHECK(expires("86400") == day);
    CHECK(expires("0") == now + seconds(54));
    CHECK(expires("-1") == now + seconds(54));
    CHECK(expires("-9223372036854775807") == now + seconds(54));
    CHECK(expires("1") == now + seconds(1)); // honoured: the margin never reaches below zero
    // A capped lifetime still loses what issued_at says has passed.
    const auto wall = parse_rfc3339("2026-11-22T02:00:00Z");
    REQUIRE(wall);
    CHECK(parse_token_response(R"({"token":"t","expires_in":9223372036854775807,"issued_at":"2026-11-22T01:00:00Z"})",
                               now, *wall)
              ->expires == now + seconds(82800 - 8280));
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
