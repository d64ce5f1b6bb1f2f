#include "adapters/http/retrying_http.hpp"
#include "util/cancel.hpp"

#include <catch2/catch.hpp>

#include <csignal>

#include <deque>
#include <map>

using namespace devk8s;
using namespace std::chrono;

namespace {

// Replays scripted responses per URL and advances a fake clock by each request's cost.
class ScriptedHttp final : public ports::HttpClient {
public:
  explicit ScriptedHttp(steady_clock::time_point& now) : m_now(now) {}
  void script(const std::string& url, std::deque<ports::HttpResponse> responses) { m_scripts[url] = std::move(responses); }

  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    std::vector<ports::HttpResponse> out;
    ++batches;
    for (const auto& r : requests) {
      sent.push_back(r);
      auto& queue = m_scripts.at(r.url);
      out.push_back(queue.front());
      if (queue.size() > 1) {
        queue.pop_front();
      }
    }
    m_now += milliseconds(10);
    return out;
  }
  std::vector<ports::HttpRequest> sent;
  int batches = 0;

private:
  steady_clock::time_point& m_now;
  std::map<std::string, std::deque<ports::HttpResponse>> m_scripts;
};

ports::HttpResponse status(long code, std::vector<std::pair<std::string, std::string>> headers = {})
{
  ports::HttpResponse r;
  r.status = code;
  r.headers = std::move(headers);
  return r;
}

ports::HttpResponse refused()
{
  ports::HttpResponse r;
  r.transport = ports::Transport::connect;
  r.transport_message = "Connection refused";
  return r;
}

ports::HttpRequest request_to(const std::string& url)
{
  ports::HttpRequest r;
  r.url = url;
  r.timeout = seconds(10);
  return r;
}

// A clock that a sleep moves on, recording each sleep; jitter fixed at the middle.
struct FakeTime {
  steady_clock::time_point now{seconds(100)};
  std::vector<milliseconds> sleeps;
  adapters::RetryClock clock;
  FakeTime()
  {
    clock.now = [this] { return now; };
    clock.sleep = [this](milliseconds d) {
      sleeps.push_back(d);
      now += d;
    };
    clock.jitter = [] { return 0.5; };
  }
  FakeTime(const FakeTime&) = delete;
  FakeTime& operator=(const FakeTime&) = delete;
};

} // namespace

TEST_CASE("perform_with_retries", "[registry][retry]")
{
  FakeTime fake;
  auto& now = fake.now;
  auto& sleeps = fake.sleeps;
  auto& clock = fake.clock;
  ScriptedHttp http(now);
  core::registry::RetryPolicy policy; // 3 attempts, base 200 ms

  SECTION("5xx then 200: retried once after a jittered backoff; others in the batch not resent")
  {
    http.script("a", {status(500), status(200)});
    http.script("b", {status(404)});
    const auto r = adapters::perform_with_retries(http, {request_to("a"), request_to("b")}, policy, now + seconds(60), clock);
    CHECK(r[0].response.status == 200);
    CHECK(r[0].attempts == 2);
    CHECK(r[1].attempts == 1);
    CHECK(http.sent.size() == 3);
    CHECK(sleeps == std::vector<milliseconds>{milliseconds(100)});
  }
  SECTION("429 with Retry-After: the wait is what the server asked")
  {
    http.script("a", {status(429, {{"retry-after", "2"}}), status(200)});
    const auto r = adapters::perform_with_retries(http, {request_to("a")}, policy, now + seconds(60), clock);
    CHECK(r[0].response.status == 200);
    CHECK(sleeps == std::vector<milliseconds>{milliseconds(2000)});
  }
  SECTION("once Ctrl-C is pressed nothing is retried and nothing waited for")
  {
    util::CancelToken token;
    clock.cancel = &token;
    http.script("a", {refused(), status(200)});
    token.cancel(SIGINT); // as the handler does while the first batch is on the wire
    const auto r = adapters::perform_with_retries(http, {request_to("a")}, policy, now + seconds(60), clock);
    CHECK(r[0].attempts == 1);
    CHECK(http.batches == 1);
    CHECK(sleeps.empty());
  }
  SECTION("never more than max_attempts")
  {
    http.script("a", {refused()});
    const auto r = adapters::perform_with_retries(http, {request_to("a")}, policy, now + seconds(60), clock);
    CHECK(r[0].attempts == 3);
    CHECK(r[0].response.transport == ports::Transport::connect);
    CHECK(http.batches == 3);
  }
  SECTION("a Retry-After beyond the deadline is not waited for")
  {
    http.script("a", {status(429, {{"retry-after", "5"}}), status(200)});
    const auto r = adapters::perform_with_retries(http, {request_to("a")}, policy, now + seconds(3), clock);
    CHECK(r[0].response.status == 429);
    CHECK(sleeps.empty());
  }
  SECTION("request timeouts shrink to the time left")
  {
    http.script("a", {status(200)});
    adapters::perform_with_retries(http, {request_to("a")}, policy, now + milliseconds(1500), clock);
    CHECK(http.sent.at(0).timeout == milliseconds(1500));
    CHECK(http.sent.at(0).connect_timeout <= milliseconds(1500));
  }
  SECTION("no time left: nothing is sent, the answer is a timeout")
  {
    http.script("a", {status(200)});
    const auto r = adapters::perform_with_retries(http, {request_to("a")}, policy, now, clock);
    CHECK(http.sent.empty());
    CHECK(r[0].response.transport == ports::Transport::timeout);
  }
}

TEST_CASE("perform_chained_with_retries", "[registry][retry]")
{
  FakeTime fake;
  auto& now = fake.now;
  auto& sleeps = fake.sleeps;
  auto& clock = fake.clock;
  ScriptedHttp http(now);
  core::registry::RetryPolicy policy; // 3 attempts, base 200 ms
  std::vector<std::string> seen;      // "chain:status" as `next` saw them

  SECTION("a retryable answer is retried before `next` sees it; `next` chains the following request")
  {
    http.script("a1", {status(503), status(200)});
    http.script("a2", {status(200)});
    http.script("b", {status(404)});
    adapters::perform_chained_with_retries(http, {request_to("a1"), request_to("b")}, policy, now + seconds(60), clock,
                                           [&](std::size_t chain, ports::HttpResponse&& r) -> std::optional<ports::HttpRequest> {
      seen.push_back(std::to_string(chain) + ":" + std::to_string(r.status));
      if (chain == 0 && seen.size() < 3) {
        return request_to("a2");
      }
      return std::nullopt;
    });
    CHECK(seen == std::vector<std::string>{"1:404", "0:200", "0:200"});
    CHECK(sleeps.size() == 1);
    REQUIRE(http.sent.size() == 4); // a1, b; a1 again; a2
    CHECK(http.sent[3].url == "a2");
  }
  SECTION("a request with no time left is not sent: `next` gets a deadline timeout")
  {
    http.script("a", {status(200)});
    adapters::perform_chained_with_retries(http, {request_to("a")}, policy, now - seconds(1), clock,
                                           [&](std::size_t, ports::HttpResponse&& r) -> std::optional<ports::HttpRequest> {
      CHECK(r.transport == ports::Transport::timeout);
      CHECK(r.transport_message == "deadline exceeded before the request could be sent");
      seen.push_back("timeout");
      return std::nullopt;
    });
    CHECK(seen == std::vector<std::string>{"timeout"});
    CHECK(http.sent.empty());
  }
}
