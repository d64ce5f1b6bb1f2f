// BoostProcessRunner and Ctrl-C (a test token, not a real signal): the child is asked to stop
// with SIGINT, killed after the grace period, and the result says it was cancelled.
#include "adapters/process/boost_process_runner.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <thread>

using devk8s::adapters::BoostProcessRunner;
using devk8s::ports::Command;
using devk8s::util::CancelToken;
using Clock = std::chrono::steady_clock;

namespace {

// The children below must see SIGINT's default action, whatever this test process inherited
// (a background job of a non-interactive shell starts with SIGINT ignored, and so would they).
class DefaultSigint {
public:
  DefaultSigint() { ::sigaction(SIGINT, nullptr, &m_old); std::signal(SIGINT, SIG_DFL); }
  ~DefaultSigint() { ::sigaction(SIGINT, &m_old, nullptr); }
  DefaultSigint(const DefaultSigint&) = delete;
  DefaultSigint& operator=(const DefaultSigint&) = delete;

private:
  struct sigaction m_old {};
};

// Cancels `token` after `delay`, from another thread, as the signal handler would.
std::thread cancel_after(CancelToken& token, std::chrono::milliseconds delay)
{
  return std::thread([&token, delay] {
    std::this_thread::sleep_for(delay);
    token.cancel(SIGINT);
  });
}

} // namespace

TEST_CASE("BoostProcessRunner: a cancelled token stops a running child", "[process][cancel]")
{
  const DefaultSigint default_sigint;
  CancelToken token;

  SECTION("sleep 30 ends within a second")
  {
    BoostProcessRunner runner(token, std::chrono::milliseconds(500));
    const auto started = Clock::now();
    auto canceller = cancel_after(token, std::chrono::milliseconds(200));
    const auto result = runner.run(Command{{"sleep", "30"}, {}, {}, {}, {}, {}});
    canceller.join();
    const auto took = Clock::now() - started;
    REQUIRE(result);
    CHECK(result->cancelled);
    CHECK_FALSE(result->timed_out);
    CHECK(result->exit_code == 128 + SIGINT);
    CHECK(took < std::chrono::milliseconds(1500));
  }
  SECTION("the child gets SIGINT first, and may clean up within the grace period")
  {
    BoostProcessRunner runner(token, std::chrono::seconds(5));
    auto canceller = cancel_after(token, std::chrono::milliseconds(300));
    const auto result = runner.run(Command{
        {"sh", "-c", "trap 'echo cleaning up; exit 3' INT; echo started; while :; do sleep 0.05; done"}, {}, {}, {}, {}, {}});
    canceller.join();
    REQUIRE(result);
    CHECK(result->cancelled);
    CHECK(result->out == "started\ncleaning up\n");
    CHECK(result->exit_code == 3);
  }
  SECTION("a child that ignores SIGINT is killed after the grace period")
  {
    BoostProcessRunner runner(token, std::chrono::milliseconds(300));
    const auto started = Clock::now();
    auto canceller = cancel_after(token, std::chrono::milliseconds(200));
    const auto result = runner.run(Command{{"sh", "-c", "trap '' INT; echo started; sleep 30"}, {}, {}, {}, {}, {}});
    canceller.join();
    REQUIRE(result);
    CHECK(result->cancelled);
    CHECK(result->exit_code == 128 + SIGKILL);
    CHECK(Clock::now() - started < std::chrono::milliseconds(2000));
  }
  SECTION("once cancelled, nothing more is started")
  {
    BoostProcessRunner runner(token, std::chrono::milliseconds(300));
    token.cancel(SIGINT);
    const auto result = runner.run(Command{{"true"}, {}, {}, {}, {}, {}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "interrupted: true was not started");
    CHECK(result.error().code == devk8s::util::ExitCode::interrupted);
  }
  SECTION("a run that is not cancelled is not marked")
  {
    BoostProcessRunner runner(token, std::chrono::milliseconds(300));
    const auto result = runner.run(Command{{"sh", "-c", "exit 0"}, {}, {}, {}, {}, {}});
    REQUIRE(result);
    CHECK_FALSE(result->cancelled);
    CHECK(result->exit_code == 0);
  }
}

TEST_CASE("CancelToken: sleep_for wakes when cancelled", "[cancel]")
{
  CancelToken token;
  const auto started = Clock::now();
  auto canceller = cancel_after(token, std::chrono::milliseconds(100));
  CHECK(token.sleep_for(std::chrono::seconds(20)));
  canceller.join();
  CHECK(Clock::now() - started < std::chrono::seconds(5));
  CHECK(token.signal() == SIGINT);
  token.reset();
  CHECK_FALSE(token.cancelled());
  CHECK_FALSE(token.sleep_for(std::chrono::milliseconds(10)));
}
