#include "core/registry/retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::registry;
using std::chrono::milliseconds;

TEST_CASE("is_retryable", "[registry]")
{
  Answer a;
  a.status = 500;
  CHECK(is_retryable(a));
  a.status = 429;
  CHECK(is_retryable(a));
  a.status = 404;
  CHECK_FALSE(is_retryable(a));
  a.status = 401;
  CHECK_FALSE(is_retryable(a));
  a.link = Link::connect;
  CHECK(is_retryable(a));
  for (const Link l : {Link::dns, Link::tls, Link::timeout, Link::redirects, Link::too_large}) {
    a.link = l;
    CHECK_FALSE(is_retryable(a));
  }
}

TEST_CASE("next_delay", "[registry]")
{
  RetryPolicy p; // 3 attempts, base 200 ms, cap 5 s
  const milliseconds plenty{60000};
  SECTION("full jitter within an exponentially growing bound")
  {
    CHECK(next_delay(p, 1, std::nullopt, 0.0, plenty) == milliseconds(0));
    CHECK(next_delay(p, 1, std::nullopt, 0.5, plenty) == milliseconds(100));
    CHECK(next_delay(p, 2, std::nullopt, 0.5, plenty) == milliseconds(200));
    CHECK(next_delay(p, 2, std::nullopt, 0.999, plenty) < milliseconds(400));
  }
  SECTION("the cap holds at high attempts")
  {
    p.max_attempts = 50;
    CHECK(*next_delay(p, 40, std::nullopt, 0.99, plenty) <= p.cap);
  }
  SECTION("never retries forever")
  {
    CHECK_FALSE(next_delay(p, 3, std::nullopt, 0.5, plenty));
    p.max_attempts = 1;
    CHECK_FALSE(next_delay(p, 1, std::nullopt, 0.5, plenty));
  }
  SECTION("Retry-After is honoured, unless beyond its cap or the time left")
  {
    CHECK(next_delay(p, 1, milliseconds(1000), 0.9, plenty) == milliseconds(1000));
    CHECK_FALSE(next_delay(p, 1, milliseconds(60000), 0.0, plenty));
    CHECK_FALSE(next_delay(p, 1, milliseconds(1000), 0.0, milliseconds(500)));
  }
  SECTION("parse_retry_after")
  {
    CHECK(parse_retry_after(" 2 ") == milliseconds(2000));
    CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
    CHECK_FALSE(parse_retry_after("-1"));
    CHECK_FALSE(parse_retry_after(""));
  }
}
