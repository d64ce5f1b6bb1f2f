// What the CLI says about itself: help and its footers, --version, unknown words next to --help,
// option type names, colour, and the width tables may take.
#include "cli/context.hpp"
#include "support/cli_harness.hpp"
#include "support/text.hpp"
#include "util/build_info.hpp"

#include <catch2/catch.hpp>

using devk8s::test::run_cli;

namespace {

using devk8s::test::has;

std::string first_line(const std::string& text)
{
  return text.substr(0, text.find('\n'));
}

// Every command and group, as a user reaches them.
const std::vector<std::vector<std::string>> k_commands = {
    {},
    {"version"},
    {"mirror"},
    {"mirror", "resolve"},
    {"mirror", "list"},
    {"mirror", "show"},
    {"mirror", "rewrite"},
    {"mirror", "check"},
    {"preflight"},
    {"install"},
    {"install", "minikube"},
    {"install", "kubectl"},
};

} // namespace

TEST_CASE("an unknown word next to --help is the unknown-command error, not the root's help", "[cli][help]")
{
  struct Case {
    std::vector<std::string> args;
    const char* error;
  };
  const Case cases[] = {
      {{"nosuch", "--help"}, "devk8s: error: unknown command \"nosuch\" for \"devk8s\""},
      {{"--help", "nosuch"}, "devk8s: error: unknown command \"nosuch\" for \"devk8s\""},
      {{"mirrr", "--help"}, "devk8s: error: unknown command \"mirrr\" for \"devk8s\" (did you mean \"mirror\"?)"},
      {{"mirror", "resolv", "-h"},
       "devk8s: error: unknown command \"resolv\" for \"devk8s mirror\" (did you mean \"resolve\"?)"},
      {{"mirror", "resolve", "--mirorr", "cn", "--help"},
       "devk8s: error: unknown flag \"--mirorr\" for \"devk8s mirror resolve\" (did you mean \"--mirror\"?)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const auto run = run_cli(c.args);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(first_line(run.err) == c.error);
    CHECK(has(run.err, "\nhint: run '"));
  }
  SECTION("help with arguments that are not unknown words still helps")
  {
    const auto run = run_cli({"mirror", "resolve", "nginx", "--help"});
    CHECK(run.code == 0);
    CHECK(has(run.out, "devk8s mirror resolve"));
  }
}

TEST_CASE("devk8s --version is devk8s version", "[cli][help]")
{
  const auto flag = run_cli({"--version"});
  const auto command = run_cli({"version"});
  CHECK(flag.code == 0);
  CHECK(flag.err.empty());
  CHECK(flag.out == command.out);
  CHECK(flag.out.rfind("devk8s version " + devk8s::util::build_info().version + "\n", 0) == 0);
  CHECK(run_cli({"--help"}).out.find("--version") != std::string::npos);
}

TEST_CASE("help footers: each command states its own exit codes", "[cli][help]")
{
  for (const auto& command : k_commands) {
    auto args = command;
    args.emplace_back("--help");
    CAPTURE(args);
    const auto run = run_cli(args);
    REQUIRE(run.code == 0);
    CHECK((has(run.out, "Exit codes:") || has(run.out, "Exit 0 ")));
    const bool is_preflight = !command.empty() && command.front() == "preflight";
    CHECK(has(run.out, "3 warnings") == is_preflight);
  }
  CHECK(has(run_cli({"version", "--help"}).out, "Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted."));
}

TEST_CASE("help points at what is installed, not into the source tree", "[cli][help]")
{
  for (const auto& command : k_commands) {
    auto args = command;
    args.emplace_back("--help");
    CAPTURE(args);
    const std::string out = run_cli(args).out;
    for (std::size_t at = out.find("mirrors/README.md"); at != std::string::npos;
         at = out.find("mirrors/README.md", at + 1)) {
      // Either the installed copy, or named as the source checkout's.
      const std::string before = out.substr(at >= 40 ? at - 40 : 0, at >= 40 ? 40 : at);
      CAPTURE(before);
      CHECK((has(before, "share/devk8s/") || has(before, "source checkout, ")));
    }
  }
  CHECK(has(run_cli({"install", "--help"}).out,
                 devk8s::util::build_info().data_dir + "/mirrors/README.md"));
}

TEST_CASE("option type names: one name per concept, never CLI11's TEXT", "[cli][help]")
{
  for (const auto& command : k_commands) {
    auto args = command;
    args.emplace_back("--help");
    CAPTURE(args);
    const std::string out = run_cli(args).out;
    CHECK_FALSE(has(out, "TEXT"));
    if (has(out, "--mirror ")) {
      CHECK(has(out, "--mirror NAME"));
    }
  }
}

TEST_CASE("preflight --cpus states its range in help and in the error", "[cli][help][preflight]")
{
  CHECK(has(run_cli({"preflight", "--help"}).out, "CPUs to give the cluster, 1 to 4096"));
  for (const char* bad : {"0", "4097", "two"}) {
    const auto run = run_cli({"preflight", "--cpus", bad});
    CHECK(run.code == 2);
    CHECK(first_line(run.err) == std::string("devk8s: error: invalid --cpus \"") + bad +
                                     "\": expected a whole number of CPUs from 1 to 4096");
  }
}

TEST_CASE("colour only on a terminal that shows it: not with TERM=dumb, NO_COLOR or --no-color", "[cli][color]")
{
  const std::string red = "\033[31m";
  CHECK(has(run_cli({"nosuch"}, {{"TERM", "xterm-256color"}}, true).err, red));
  CHECK_FALSE(has(run_cli({"nosuch"}, {{"TERM", "dumb"}}, true).err, red));
  CHECK_FALSE(has(run_cli({"nosuch"}, {{"NO_COLOR", "1"}}, true).err, red));
  CHECK_FALSE(has(run_cli({"--no-color", "nosuch"}, {}, true).err, red));
  CHECK_FALSE(has(run_cli({"nosuch"}, {}, false).err, red));
}

TEST_CASE("Context::output_width: COLUMNS, else the terminal's width, else no limit when piped", "[cli][table]")
{
  using namespace devk8s;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  test::UnusedHttp http;
  test::UnusedRegistry registry;
  test::UnusedHostProbe host;
  test::UnusedKube kube;
  cli::Adapters adapters{fs, runner, http, registry, host, kube};
  auto width = [&](bool tty, std::size_t columns, std::map<std::string, std::string> env) {
    cli::Streams streams{out, err, in, false, tty, columns};
    const cli::Environment environment(std::move(env));
    const cli::Context ctx{streams, environment, adapters, {}};
    return ctx.output_width();
  };
  CHECK(width(false, 0, {}) == 0);
  CHECK(width(true, 132, {}) == 132);
  CHECK(width(true, 0, {}) == 80);
  CHECK(width(false, 0, {{"COLUMNS", "100"}}) == 100);
  CHECK(width(true, 132, {{"COLUMNS", "90"}}) == 90);
  CHECK(width(true, 132, {{"COLUMNS", "wide"}}) == 132);
  CHECK(width(false, 0, {{"COLUMNS", "0"}}) == 0);
}
