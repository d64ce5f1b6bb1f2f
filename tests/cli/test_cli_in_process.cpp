// The CLI run in-process on fakes (cli::run with injected streams and adapters): what a
// command reads, writes and prints, without a real file system.
#include "cli/app.hpp"
#include "ports/host_probe.hpp"
#include "ports/registry_client.hpp"
#include "support/cli_harness.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_process_runner.hpp"
#include "util/cancel.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <sstream>

using namespace devk8s;

namespace {

class NoHttp final : public ports::HttpClient {
public:
  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    return std::vector<ports::HttpResponse>(requests.size(),
                                            ports::HttpResponse{ports::Transport::connect, "no network in this test", 0, {},
                                                                {}, {}, {}, {}, 0, 0, {}});
  }
};

// Nor may they ask a registry, probe the host or reach a cluster: the harness's doubles fail the test.
struct Harness {
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  NoHttp http;
  test::UnusedRegistry registry;
  test::UnusedHostProbe host;
  test::UnusedKube kube;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;

  int run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {})
  {
    cli::Streams streams{out, err, in, false};
    cli::Adapters adapters{fs, runner, http, registry, host, kube};
    return cli::run(args, streams, cli::Environment(env), adapters);
  }
};

} // namespace

TEST_CASE("mirror rewrite -i in-process: one write per changed file plus its backup", "[cli]")
{
  Harness h;
  h.fs.files["k8s/app.yaml"] = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: redis\n";
  h.fs.files["k8s/svc.yaml"] = "kind: Service\nspec: {}\n";
  const int code = h.run({"mirror", "rewrite", "-i", "-m", "cn", "k8s"});
  CHECK(code == 0);
  CHECK(h.fs.writes == std::vector<std::string>{"k8s/app.yaml.orig", "k8s/app.yaml"});
  CHECK(h.fs.files["k8s/app.yaml"] == "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: docker.m.daocloud.io/library/redis:latest\n");
  CHECK(h.err.str() == "devk8s: rewrite k8s/app.yaml: 1 of 1 images\n");
  CHECK(h.runner.ran().empty());
}

TEST_CASE("mirror rewrite -i in-process: a read-only file stops the plan before any write", "[cli]")
{
  Harness h;
  h.fs.files["a.yaml"] = "kind: Pod\nspec: {containers: [{image: redis}]}\n";
  h.fs.files["b.yaml"] = "kind: Pod\nspec: {containers: [{image: nginx}]}\n";
  h.fs.read_only.insert("b.yaml");
  CHECK(h.run({"mirror", "rewrite", "-i", "-m", "cn", "a.yaml", "b.yaml"}) == 1);
  CHECK(h.fs.writes.empty());
  CHECK(h.err.str() == "devk8s: error: b.yaml: file is read-only\nhint: make the files writable; nothing was changed\n");
}

TEST_CASE("mirror rewrite --dry-run in-process writes nothing", "[cli]")
{
  Harness h;
  h.fs.files["a.yaml"] = "kind: Pod\nspec: {containers: [{image: redis}]}\n";
  CHECK(h.run({"mirror", "rewrite", "-i", "--dry-run", "-m", "cn", "a.yaml"}) == 0);
  CHECK(h.fs.writes.empty());
  CHECK(h.out.str().rfind("Rewrite images in place with mirror cn (1 step)\n  1. rewrite a.yaml: 1 of 1 images\n", 0) == 0);
  CHECK(h.out.str().find("+spec: {containers: [{image: docker.m.daocloud.io/library/redis:latest}]}") != std::string::npos);
}

TEST_CASE("mirror maps come from XDG_CONFIG_HOME through the FileSystem port", "[cli]")
{
  Harness h;
  h.fs.files["/cfg/devk8s/mirrors/corp.yml"] = "name: corp\nrules:\n  - prefix: docker.io\n    to: hub.corp.example\n";
  CHECK(h.run({"mirror", "resolve", "-m", "corp", "redis"}, {{"XDG_CONFIG_HOME", "/cfg"}}) == 0);
  CHECK(h.out.str() == "hub.corp.example/library/redis:latest\n");
  // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says; HOME is used instead.
  Harness h2;
  h2.fs.files["/home/u/.config/devk8s/mirrors/corp.yaml"] = h.fs.files["/cfg/devk8s/mirrors/corp.yml"];
  CHECK(h2.run({"mirror", "resolve", "-m", "corp", "redis"}, {{"XDG_CONFIG_HOME", "cfg"}, {"HOME", "/home/u"}}) == 0);
  CHECK(h2.out.str() == "hub.corp.example/library/redis:latest\n");
}

TEST_CASE("Every mutating command in-process: --dry-run -o json prints the plan as JSON", "[cli][plan]")
{
  SECTION("mirror rewrite -i")
  {
    Harness h;
    h.fs.files["a.yaml"] = "kind: Pod\nspec: {containers: [{image: redis}]}\n";
    CHECK(h.run({"mirror", "rewrite", "-i", "--dry-run", "-o", "json", "-m", "cn", "a.yaml"}) == 0);
    CHECK(h.fs.writes.empty());
    const auto j = nlohmann::json::parse(h.out.str());
    CHECK(j["title"] == "Rewrite images in place with mirror cn");
    REQUIRE(j["steps"].size() == 1);
    CHECK(j["steps"][0]["action"] == nlohmann::json{{"type", "write-file"}, {"path", "a.yaml"}, {"backup", "a.yaml.orig"}});
    CHECK(h.err.str() == "devk8s: would rewrite 1 of 1 images in 1 file with mirror cn (dry run: nothing written)\n");
  }
  SECTION("install")
  {
    Harness h;
    CHECK(h.run({"install", "kubectl", "--version", "v1.20.2", "--dry-run", "-o", "json", "--dir", "/opt/bin"},
                {{"PATH", "/opt/bin:/usr/bin"}}) == 0);
    CHECK(h.fs.writes.empty());
    const auto j = nlohmann::json::parse(h.out.str());
    CHECK(j["title"] == "Install kubectl v1.20.2");
    REQUIRE(j["steps"].size() == 1);
    CHECK(j["steps"][0]["action"]["type"] == "install-binary");
    CHECK(j["steps"][0]["action"]["path"] == "/opt/bin/kubectl");
    CHECK(h.err.str().empty());
  }
  SECTION("install, for real, says what it did as JSON too")
  {
    Harness h;
    h.fs.files["/opt/bin/kubectl"] = "";
    h.runner.script("/opt/bin/kubectl version --client -o json",
                    {0, R"({"clientVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}})", "", false});
    CHECK(h.run({"install", "kubectl", "--version", "v1.20.2", "-o", "json", "--dir", "/opt/bin"}, {{"PATH", "/usr/bin"}}) == 0);
    CHECK(nlohmann::json::parse(h.out.str()) == nlohmann::json{{"tool", "kubectl"}, {"version", "v1.20.2"},
                                                               {"path", "/opt/bin/kubectl"},
                                                               {"result", "already-installed"}, {"backup", nullptr}});
  }
}

namespace {

// A registry whose check is cut short by Ctrl-C: the signal arrives while it runs, and what it
// answers then is what an interrupted transfer reads as.
class InterruptedRegistry final : public ports::RegistryClient {
public:
  std::vector<core::registry::Outcome> check_manifests(const std::vector<core::image::ImageRef>& refs,
                                                       const ports::RegistryCheckOptions&) override
  {
    util::process_cancel_token().cancel(SIGINT);
    std::vector<core::registry::Outcome> outcomes(refs.size());
    for (auto& o : outcomes) {
      o.kind = core::registry::OutcomeKind::unreachable;
      o.message = "interrupted";
    }
    return outcomes;
  }
};

} // namespace

TEST_CASE("Ctrl-C during mirror check: exit 130 and no result on stdout, not an 'unreachable' report", "[cli][cancel]")
{
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  NoHttp http;
  InterruptedRegistry registry;
  test::UnusedHostProbe host;
  test::UnusedKube kube;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  cli::Streams streams{out, err, in, false};
  cli::Adapters adapters{fs, runner, http, registry, host, kube};
  const int code = cli::run({"mirror", "check", "registry.example/a/b:1", "-o", "json"}, streams, cli::Environment(),
                            adapters);
  util::process_cancel_token().reset();
  CHECK(code == 130);
  CHECK(out.str().empty());
  CHECK(err.str().find("devk8s: error: interrupted: ") != std::string::npos);
}
