// RealExecutor's command, Kubernetes and wait steps on scripted doubles, and Ctrl-C (a test
// token) during each.
#include "exec/executor.hpp"
#include "support/fake_file_system.hpp"
#include "support/scripted_kube_api.hpp"
#include "support/fake_process_runner.hpp"
#include "support/recording_reporter.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <sstream>

using namespace devk8s;
using core::plan::KubeRequest;
using core::plan::Plan;
using core::plan::RunCommand;
using core::plan::Step;
using core::plan::Wait;
using core::plan::WaitCondition;
using core::plan::WaitKind;
using core::plan::WaitState;
using core::plan::WriteFile;
using nlohmann::json;

namespace {

// A clock that only moves when the executor sleeps: waits are checked without real time.
struct TestClock {
  std::chrono::steady_clock::time_point now{};
  std::vector<std::chrono::milliseconds> sleeps;
  std::function<void()> on_sleep;

  exec::WaitClock clock()
  {
    return {[this] { return now; },
            [this](std::chrono::milliseconds d) {
              sleeps.push_back(d);
              now += d;
              if (on_sleep) {
                on_sleep();
              }
            }};
  }
};

struct Setup {
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  test::ScriptedKubeApi kube{"https://fake:8443"};
  test::RecordingReporter reporter;
  util::CancelToken cancel;
  TestClock clock;

  Setup() { runner.watch(cancel); }

  exec::RealExecutor executor()
  {
    exec::RealExecutorOptions options;
    options.kube = &kube;
    options.cancel = &cancel;
    options.clock = clock.clock();
    return exec::RealExecutor(fs, runner, reporter, options);
  }
};

json pod(const std::string& name, bool ready, const std::string& phase = "Running")
{
  return {{"metadata", {{"name", name}, {"namespace", "kube-system"}}},
          {"status", {{"phase", phase}, {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}}}}};
}

const WaitCondition k_dns{WaitKind::pod, "kube-system", {}, "k8s-app=kube-dns", WaitState::ready};

} // namespace

TEST_CASE("RealExecutor: a command step streams its lines to the reporter", "[exec][run]")
{
  Setup s;
  s.runner.script("minikube start", ports::ProcessResult{0, "😄  minikube v1.20.0\n✨  Using the docker driver\nDone!\n", "", false});
  s.runner.stream_chunks("minikube start", {"😄  minikube v1.20.0\n✨  Using the do", "cker driver\nDone!\n"});
  RunCommand start{{"minikube", "start"}, std::nullopt};
  start.stream_as = "minikube";
  start.env = {{"MINIKUBE_IN_STYLE", "false"}};
  start.stdin_data = "y\n";
  REQUIRE(s.executor().execute(Plan{"t", {Step{"start minikube", start, ""}}}));
  REQUIRE(s.reporter.outputs.size() == 3);
  CHECK(s.reporter.outputs[0].source == "minikube");
  CHECK(s.reporter.outputs[0].line == "😄  minikube v1.20.0");
  CHECK(s.reporter.outputs[1].line == "✨  Using the docker driver"); // joined across the chunks
  CHECK(s.reporter.outputs[2].line == "Done!");
  CHECK(s.reporter.infos == std::vector<std::string>{"start minikube"});
  CHECK(s.runner.envs().front() == std::map<std::string, std::string>{{"MINIKUBE_IN_STYLE", "false"}});
  CHECK(s.runner.stdins().front() == "y\n");
}

TEST_CASE("RealExecutor: accepted exit codes", "[exec][run]")
{
  Setup s;
  s.runner.script("grep -q x f", ports::ProcessResult{1, "", "", false});
  RunCommand grep{{"grep", "-q", "x", "f"}, std::nullopt};
  SECTION("1 is a failure by default, and nothing was streamed without stream_as")
  {
    const auto result = s.executor().execute(Plan{"t", {Step{"look", grep, ""}}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "step 1 (look): grep -q x f: exit status 1");
    CHECK(result.error().code == util::ExitCode::failure);
  }
  SECTION("accepted when the plan says so")
  {
    grep.accepted_exit_codes = {0, 1};
    CHECK(s.executor().execute(Plan{"t", {Step{"look", grep, ""}}}));
  }
}

TEST_CASE("RealExecutor: Ctrl-C during a command step", "[exec][run][cancel]")
{
  Setup s;
  s.fs.files["a.yaml"] = "old";
  s.runner.script("minikube start", ports::ProcessResult{0, "Starting control plane node\n", "", false});
  s.runner.while_running([&](const ports::Command&) { s.cancel.cancel(SIGINT); });
  RunCommand start{{"minikube", "start"}, std::nullopt};
  start.stream_as = "minikube";
  const Plan plan{"t", {Step{"write a", WriteFile{"a.yaml", "new", std::nullopt}, ""},
                        Step{"start minikube", start, ""},
                        Step{"write b", WriteFile{"b.yaml", "b", std::nullopt}, ""},
                        Step{"enable addons", RunCommand{{"minikube", "addons", "enable", "x"}, std::nullopt}, ""}}};
  const auto result = s.executor().execute(plan);
  REQUIRE_FALSE(result);
  CHECK(result.error().code == util::ExitCode::interrupted);
  CHECK(result.error().message == "step 2 (start minikube): interrupted: minikube start was stopped\n"
                                  "already changed by the steps before: a.yaml\n"
                                  "not run: step 3 (write b), 4 (enable addons)");
  CHECK(s.runner.ran().size() == 1); // no later command started
  CHECK(s.fs.files.count("b.yaml") == 0);
  CHECK(s.reporter.outputs.size() == 1); // what it printed before still reached the user
}

TEST_CASE("RealExecutor: a cancelled token stops the plan at the next step boundary", "[exec][cancel]")
{
  Setup s;
  s.runner.script("true", ports::ProcessResult{0, "", "", false});
  s.cancel.cancel(SIGTERM);
  const auto result = s.executor().execute(Plan{"t", {Step{"nothing", RunCommand{{"true"}, std::nullopt}, ""}}});
  REQUIRE_FALSE(result);
  CHECK(result.error().message == "interrupted: stopped before step 1 (nothing)\nnot run: step 1 (nothing)");
  CHECK(s.runner.ran().empty());
}

TEST_CASE("RealExecutor: Kubernetes requests", "[exec][kube]")
{
  Setup s;
  const std::string cms = "/api/v1/namespaces/default/configmaps";
  const json exists = {{"kind", "Status"}, {"reason", "AlreadyExists"}, {"code", 409}, {"message", "configmaps \"x\" already exists"}};
  s.kube.script("POST", cms, {ports::KubeAnswer{409, exists}});
  s.kube.script("DELETE", cms + "/x", {ports::KubeAnswer{404, json{{"kind", "Status"}, {"code", 404}}}});
  s.kube.script("PATCH", cms + "/x", {ports::KubeAnswer{200, json::object()}});
  const std::string body = R"({"metadata":{"name":"x"}})";
  SECTION("create, merge patch and delete go to the API with their bodies; a 404 delete is done")
  {
    KubeRequest create{KubeRequest::Verb::create, cms, body, true};
    const Plan plan{"t", {Step{"create x", create, ""},
                          Step{"patch x", KubeRequest{KubeRequest::Verb::patch, cms + "/x", R"({"data":{"a":"b"}})", false}, ""},
                          Step{"delete x", KubeRequest{KubeRequest::Verb::remove, cms + "/x", "", false}, ""}}};
    REQUIRE(s.executor().execute(plan));
    REQUIRE(s.kube.requests().size() == 3);
    CHECK(s.kube.requests()[0].method == "POST");
    CHECK(s.kube.requests()[0].body == body);
    CHECK(s.kube.requests()[1].method == "PATCH");
    CHECK(s.kube.requests()[2].method == "DELETE");
  }
  SECTION("a 409 on create fails unless exists_ok, with the server's words")
  {
    const auto result = s.executor().execute(Plan{"t", {Step{"create x", KubeRequest{KubeRequest::Verb::create, cms, body, false}, ""}}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("step 1 (create x): cannot create configmaps in namespace \"default\": the apiserver "
                                      "at https://fake:8443 answered HTTP 409") == 0);
    CHECK(result.error().message.find("already exists") != std::string::npos);
  }
  SECTION("a body that is not JSON is refused before anything is sent")
  {
    const auto result = s.executor().execute(Plan{"t", {Step{"create x", KubeRequest{KubeRequest::Verb::create, cms, "{", false}, ""}}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "step 1 (create x): the request body is not JSON");
    CHECK(s.kube.requests().empty());
  }
}

TEST_CASE("RealExecutor: a wait that succeeds after some polls", "[exec][wait]")
{
  Setup s;
  s.kube.script("GET", "/api/v1/namespaces/kube-system/pods",
                {test::ScriptedKubeApi::items({}),
                 test::ScriptedKubeApi::items({pod("coredns-a", false, "Pending")}),
                 test::ScriptedKubeApi::items({pod("coredns-a", true)})});
  const Plan plan{"t", {Step{"wait for DNS", Wait{k_dns, std::chrono::seconds(2), std::chrono::minutes(1)}, ""}}};
  REQUIRE(s.executor().execute(plan));
  CHECK(s.kube.requests().size() == 3);
  CHECK(s.kube.requests()[0].path.find("labelSelector=k8s-app%3Dkube-dns") != std::string::npos);
  CHECK(s.clock.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::seconds(2), std::chrono::seconds(2)});
  REQUIRE(s.reporter.statuses.size() == 3);
  CHECK(s.reporter.statuses[0] == "waiting for pods -l k8s-app=kube-dns in kube-system Ready: nothing matches yet (0 s)");
  CHECK(s.reporter.statuses[1] == "waiting for pods -l k8s-app=kube-dns in kube-system Ready: 1 of 1 pending (2 s): "
                                  "kube-system/coredns-a (Pending)");
  CHECK(s.reporter.statuses[2].empty()); // cleared when done
  CHECK(s.reporter.infos == std::vector<std::string>{"wait for DNS"});
}

TEST_CASE("RealExecutor: a wait that times out names what is pending", "[exec][wait]")
{
  Setup s;
  s.kube.script("GET", "/api/v1/namespaces/kube-system/pods",
                {test::ScriptedKubeApi::items({pod("coredns-a", true), pod("coredns-b", false, "Pending"), pod("coredns-c", false)})});
  const Plan plan{"t", {Step{"wait for DNS", Wait{k_dns, std::chrono::seconds(2), std::chrono::seconds(5)}, ""},
                        Step{"after", RunCommand{{"true"}, std::nullopt}, ""}}};
  const auto result = s.executor().execute(plan);
  REQUIRE_FALSE(result);
  CHECK(result.error().code == util::ExitCode::failure);
  CHECK(result.error().message == "step 1 (wait for DNS): timed out after 5 s waiting for pods -l k8s-app=kube-dns in "
                                  "kube-system Ready; still pending:\n"
                                  "  kube-system/coredns-b: Pending\n"
                                  "  kube-system/coredns-c: Running, not Ready");
  CHECK(result.error().hint == "kubectl describe pods -n kube-system shows their events");
  // 0, 2, 4, then the last sleep is cut to the deadline: 5.
  CHECK(s.clock.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::seconds(2), std::chrono::seconds(2),
                                                                  std::chrono::seconds(1)});
  CHECK(s.runner.ran().empty());
}

TEST_CASE("RealExecutor: a wait rides out a failing API, and says so when it times out", "[exec][wait]")
{
  Setup s;
  s.kube.script_results("GET", "/api/v1/namespaces/kube-system/pods",
                {util::failure("https://fake:8443: connection refused"), test::ScriptedKubeApi::items({pod("coredns-a", true)})});
  const Plan plan{"t", {Step{"wait for DNS", Wait{k_dns, std::chrono::seconds(1), std::chrono::seconds(10)}, ""}}};
  CHECK(s.executor().execute(plan));
  CHECK(s.kube.requests().size() == 2);
}

TEST_CASE("RealExecutor: Ctrl-C during a wait", "[exec][wait][cancel]")
{
  Setup s;
  s.kube.script("GET", "/api/v1/namespaces/kube-system/pods", {test::ScriptedKubeApi::items({pod("coredns-a", false, "Pending")})});
  s.clock.on_sleep = [&] { s.cancel.cancel(SIGINT); };
  const Plan plan{"t", {Step{"wait for DNS", Wait{k_dns, std::chrono::seconds(2), std::chrono::minutes(5)}, ""},
                        Step{"after", RunCommand{{"true"}, std::nullopt}, ""}}};
  const auto result = s.executor().execute(plan);
  REQUIRE_FALSE(result);
  CHECK(result.error().code == util::ExitCode::interrupted);
  CHECK(result.error().message == "step 1 (wait for DNS): interrupted: stopped waiting for pods -l k8s-app=kube-dns in "
                                  "kube-system Ready\n  kube-system/coredns-a: Pending\n"
                                  "not run: step 2 (after)");
  CHECK(s.kube.requests().size() == 1); // no poll after the cancel
  CHECK(s.reporter.statuses.back().empty());
}

TEST_CASE("RealExecutor refuses a plan it lacks the ports for, before the first change", "[exec]")
{
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  test::RecordingReporter reporter;
  exec::RealExecutor executor(fs, runner, reporter);
  const auto result = executor.execute(Plan{"t", {Step{"write a", WriteFile{"a", "x", std::nullopt}, ""},
                                                  Step{"wait", Wait{k_dns, std::chrono::seconds(1), std::chrono::seconds(1)}, ""}}});
  REQUIRE_FALSE(result);
  CHECK(result.error().message == "step 2 (wait): no Kubernetes API to talk to");
  CHECK(fs.files.count("a") == 0);
}

TEST_CASE("RealExecutor refuses a wait that would poll without pause, before the first change", "[exec][wait]")
{
  Setup s;
  const auto result = s.executor().execute(
      Plan{"t", {Step{"write a", WriteFile{"a", "x", std::nullopt}, ""},
                 Step{"wait", Wait{k_dns, std::chrono::milliseconds(0), std::chrono::seconds(1)}, ""}}});
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("the interval and the timeout must be positive") != std::string::npos);
  CHECK(s.fs.files.count("a") == 0);
  CHECK(s.kube.requests().empty());
}

TEST_CASE("make_executor: --dry-run -o json prints the plan as JSON", "[exec]")
{
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  test::RecordingReporter reporter;
  std::ostringstream out;
  const Plan plan{"t", {Step{"wait", Wait{k_dns, std::chrono::seconds(1), std::chrono::seconds(3)}, ""}}};
  SECTION("json")
  {
    const auto executor = exec::make_executor(fs, runner, reporter, out, exec::ExecutorChoice{true, exec::PlanFormat::json, true, {}});
    REQUIRE(executor->execute(plan));
    CHECK(json::parse(out.str()) == core::plan::to_json(plan));
  }
  SECTION("text")
  {
    const auto executor = exec::make_executor(fs, runner, reporter, out, exec::ExecutorChoice{true, exec::PlanFormat::text, true, {}});
    REQUIRE(executor->execute(plan));
    CHECK(out.str() == core::plan::render_text(plan));
  }
  SECTION("a real run")
  {
    const auto executor = exec::make_executor(fs, runner, reporter, out, exec::ExecutorChoice{false, exec::PlanFormat::text, true, {}});
    const auto result = executor->execute(plan);
    REQUIRE_FALSE(result); // the real executor: it has no Kubernetes API here
    CHECK(out.str().empty());
  }
}
