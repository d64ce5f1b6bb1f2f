#include "adapters/process/boost_process_runner.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using devk8s::adapters::BoostProcessRunner;
using devk8s::ports::Command;

TEST_CASE("BoostProcessRunner runs argv without a shell", "[process]")
{
  BoostProcessRunner runner;

  SECTION("captures stdout, stderr and the exit code")
  {
    auto r = runner.run(Command{{"sh", "-c", "echo out; echo err >&2; exit 3"}, {}, {}, {}, {}, {}});
    REQUIRE(r);
    CHECK(r->out == "out\n");
    CHECK(r->err == "err\n");
    CHECK(r->exit_code == 3);
    CHECK_FALSE(r->timed_out);
  }
  SECTION("arguments reach the program verbatim: no word splitting, no globbing")
  {
    auto r = runner.run(Command{{"printf", "[%s]", "a b", "*", "$HOME", "'"}, {}, {}, {}, {}, {}});
    REQUIRE(r);
    CHECK(r->out == "[a b][*][$HOME][']");
  }
  SECTION("environment overrides and stdin")
  {
    Command c{{"sh", "-c", "printf %s \"$DEVK8S_X\"; cat"}, {{"DEVK8S_X", "x="}}, {}, "from stdin", {}, {}};
    auto r = runner.run(c);
    REQUIRE(r);
    CHECK(r->out == "x=from stdin");
  }
  SECTION("a missing program is an error, not a result")
  {
    auto r = runner.run(Command{{"devk8s-no-such-program"}, {}, {}, {}, {}, {}});
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("executable file not found") != std::string::npos);
  }
  SECTION("a timeout kills a hanging child and keeps what it printed")
  {
    const auto start = std::chrono::steady_clock::now();
    auto r = runner.run(Command{{"sh", "-c", "echo started; exec sleep 30"}, {}, std::chrono::milliseconds(300), {}, {}, {}});
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(r);
    CHECK(r->timed_out);
    CHECK(r->out == "started\n");
    CHECK(r->exit_code == 128 + 9);
    CHECK(elapsed < std::chrono::seconds(5));
  }
  SECTION("streams output as it arrives")
  {
    std::string seen;
    Command c{{"sh", "-c", "echo one; echo two"}, {}, {}, {}, [&](std::string_view chunk) { seen += chunk; }, {}};
    auto r = runner.run(c);
    REQUIRE(r);
    CHECK(seen == "one\ntwo\n");
  }
  SECTION("large output on both pipes does not deadlock")
  {
    auto r = runner.run(Command{{"sh", "-c", "head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2"}, {}, std::chrono::seconds(20), {}, {}, {}});
    REQUIRE(r);
    CHECK(r->out.size() == 1000000);
    CHECK(r->err.size() == 1000000);
  }
}

TEST_CASE("BoostProcessRunner passes long environment names intact", "[process]")
{
  // Boost 1.74's environment::find() over-reads for keys longer than an existing entry; the
  // runner must not use it (this test fails under ASan if it does).
  BoostProcessRunner runner;
  const std::string key = "DEVK8S_A_RATHER_LONG_ENVIRONMENT_VARIABLE_NAME_FOR_THE_TEST";
  Command c{{"sh", "-c", "printf %s \"$" + key + "\""}, {{key, "long"}, {"X", "short"}}, {}, {}, {}, {}};
  auto r = runner.run(c);
  REQUIRE(r);
  CHECK(r->out == "long");
}

TEST_CASE("BoostProcessRunner survives a child that exits without reading its stdin", "[process]")
{
  // 1 MiB does not fit in a pipe: the write meets a closed pipe (EPIPE, not a fatal SIGPIPE).
  BoostProcessRunner runner;
  Command c{{"sh", "-c", "exit 4"}, {}, std::chrono::seconds(20), std::string(1 << 20, 'x'), {}, {}};
  for (int i = 0; i < 3; ++i) {
    auto r = runner.run(c);
    REQUIRE(r);
    CHECK(r->exit_code == 4);
  }
}
