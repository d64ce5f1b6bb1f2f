// The fake runner is what every command test that runs a tool stands on: its answers in
// sequence, by matcher, streamed, and what it records must hold as documented.
#include "support/fake_process_runner.hpp"

#include <catch2/catch.hpp>

using devk8s::ports::Command;
using devk8s::ports::ProcessResult;
using devk8s::test::FakeProcessRunner;

TEST_CASE("FakeProcessRunner: sequences, matchers, streaming and what it records", "[support]")
{
  FakeProcessRunner runner;
  SECTION("a sequence answers in order, then repeats its last answer")
  {
    runner.script_sequence("kubectl get pods", {{1, "", "not yet\n", false}, {0, "ready\n", "", false}});
    Command command{{"kubectl", "get", "pods"}, {}, std::nullopt, {}, {}, {}};
    CHECK(runner.run(command)->exit_code == 1);
    CHECK(runner.run(command)->out == "ready\n");
    CHECK(runner.run(command)->out == "ready\n");
  }
  SECTION("an exact command line wins over a matcher; an unscripted command is exit 127")
  {
    runner.script("minikube ssh -- docker images", {0, "exact\n", "", false});
    runner.script_matching([](const Command& c) { return c.argv.size() > 1 && c.argv[1] == "ssh"; },
                           {0, "matched\n", "", false});
    CHECK(runner.run({{"minikube", "ssh", "--", "docker images"}, {}, std::nullopt, {}, {}, {}})->out == "exact\n");
    CHECK(runner.run({{"minikube", "ssh", "--", "docker ps"}, {}, std::nullopt, {}, {}, {}})->out == "matched\n");
    CHECK(runner.run({{"minikube", "status"}, {}, std::nullopt, {}, {}, {}})->exit_code == 127);
  }
  SECTION("output is streamed through the callbacks and returned; env and stdin are recorded")
  {
    runner.script("minikube start", {0, "Done!\n", "warning\n", false});
    std::string streamed_out;
    std::string streamed_err;
    Command command{{"minikube", "start"}, {{"MINIKUBE_HOME", "/m"}}, std::nullopt, "yes\n",
                    [&](std::string_view chunk) { streamed_out += chunk; },
                    [&](std::string_view chunk) { streamed_err += chunk; }};
    const auto result = runner.run(command);
    CHECK(result->out == "Done!\n");
    CHECK(streamed_out == "Done!\n");
    CHECK(streamed_err == "warning\n");
    REQUIRE(runner.envs().size() == 1);
    CHECK(runner.envs()[0].at("MINIKUBE_HOME") == "/m");
    CHECK(runner.stdins()[0] == "yes\n");
  }
  SECTION("a missing program cannot be started")
  {
    runner.missing("docker");
    CHECK_FALSE(runner.run({{"docker", "version"}, {}, std::nullopt, {}, {}, {}}));
    CHECK(runner.ran().size() == 1);
  }
}
