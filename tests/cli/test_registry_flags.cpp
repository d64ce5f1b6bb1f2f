// The registry flags end to end (issue #9): which registries a credential reaches (two real
// registries, credentials for one), --creds-file, the forms of --creds that are refused, the
// registry flags on `mirror resolve` without --verify, and the words and hints of failures.
#include "support/cli_harness.hpp"
#include "support/free_port.hpp"
#include "support/local_registry.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s;

namespace {

using devk8s::test::has;

std::vector<std::string> registry_args(std::vector<std::string> a, const std::vector<std::string>& more)
{
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// The stderr line that starts with `prefix`, "" when none.
std::string line_of(const std::string& text, const std::string& prefix)
{
  const auto at = text.find(prefix);
  return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
}

const std::string k_image = "google_containers/storage-provisioner:v5";

} // namespace

TEST_CASE("mirror check --creds with a host goes to that registry only, whatever form Docker's config gave the host",
          "[cli][registry][creds]")
{
  test::LocalRegistry& a = test::shared_registry(test::Flavour::basic);
  test::LocalRegistry b(test::Flavour::basic);
  const std::vector<std::string> insecure = {"--insecure-registry", a.host(), "--insecure-registry", b.host()};
  const std::string host_form = GENERATE(std::string("http://"), std::string("https://"), std::string(""));
  const std::string suffix = GENERATE(std::string(""), std::string("/v1/"));
  CAPTURE(host_form, suffix);

  const auto r = test::run_in_process(registry_args({"mirror", "check", a.ref(k_image), b.ref(k_image), "-o", "json", "-v", "--creds",
                                            host_form + a.host() + suffix + "=" + a.creds()},
                                           insecure));
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j[0]["outcome"] == "found");
  // b was asked without credentials: its 401 says so.
  CHECK(j[1]["outcome"] == "denied");
  CHECK(has(j[1]["message"].get<std::string>(), "anonymous access refused"));
  CHECK(line_of(r.err, "devk8s: credentials from --creds sent to") == "devk8s: credentials from --creds sent to " + a.host());
  CHECK_FALSE(has(r.out + r.err, "wonderland"));
}

TEST_CASE("mirror check --creds-file: the secret from a file or from stdin", "[cli][registry][creds]")
{
  test::LocalRegistry& a = test::shared_registry(test::Flavour::basic);
  const std::vector<std::string> base = {"mirror", "check", a.ref(k_image), "--insecure-registry", a.host(), "-v"};
  SECTION("a file of HOST=USER:PASSWORD lines")
  {
    const std::string file = a.dir().write("creds.txt", "# test registry\n" + a.host() + "=" + a.creds() + "\n");
    const auto r = test::run_in_process(registry_args(base, {"--creds-file", file}));
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.err, "devk8s: credentials from --creds-file \"" + file + "\" line 2 sent to " + a.host()));
  }
  SECTION("stdin with -: USER:PASSWORD for the registries named")
  {
    const auto r = test::run_in_process(registry_args(base, {"--creds-file", "-"}), a.creds() + "\n");
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.err, "devk8s: credentials from --creds-file - (stdin) line 1 sent to " + a.host()));
  }
  SECTION("a missing file or a bad line: exit 2, nothing echoed")
  {
    const auto missing = test::run_in_process(registry_args(base, {"--creds-file", "/nonexistent/creds"}));
    CHECK(missing.exit_code == 2);
    CHECK(has(missing.err, "devk8s: error: --creds-file \"/nonexistent/creds\": no such file"));
    const std::string file = a.dir().write("bad-creds.txt", "hunter2\n");
    const auto bad = test::run_in_process(registry_args(base, {"--creds-file", file}));
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "line 1 must be USER:PASSWORD or HOST=USER:PASSWORD"));
    CHECK_FALSE(has(bad.err, "hunter2"));
  }
}

TEST_CASE("mirror check --creds forms that name a host but would have gone everywhere: exit 2", "[cli][registry][creds]")
{
  for (const std::string value : {"alice:wonderland@127.0.0.1:5000", "https://alice:wonderland@registry.example.com",
                                  "https://registry.example.com/team/app=alice:wonderland"}) {
    CAPTURE(value);
    const auto r = test::run_in_process({"mirror", "check", "registry.example.com/team/app:v1", "--creds", value});
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: --creds names a registry in a form devk8s does not read: ", 0) == 0);
    CHECK(has(r.err, "hint: write HOST=USER:PASSWORD"));
    CHECK_FALSE(has(r.err, "wonderland"));
    CHECK(r.out.empty());
  }
  SECTION("the same from DEVK8S_REGISTRY_CREDS")
  {
    const auto r = test::run_in_process({"mirror", "check", "registry.example.com/team/app:v1"}, {},
                                        {{"DEVK8S_REGISTRY_CREDS", "alice:wonderland@registry.example.com"}});
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: DEVK8S_REGISTRY_CREDS names a registry", 0) == 0);
  }
}

TEST_CASE("mirror resolve: registry flags without --verify are checked, then refused", "[cli][registry]")
{
  SECTION("a bad value is named")
  {
    const auto r = test::run_in_process({"mirror", "resolve", "redis", "--mirror", "cn", "--timeout", "abc", "--retries", "x"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "devk8s: error: --timeout: invalid duration \"abc\""));
    CHECK(has(r.err, "devk8s: error: --retries must be a whole number from 0 to 10, got \"x\""));
    CHECK(has(r.err, "devk8s: error: --timeout, --retries only apply with --verify"));
    CHECK_FALSE(has(r.err, "could not convert"));
    CHECK(r.out.empty());
  }
  SECTION("a good value has no effect: refused with a hint to add --verify")
  {
    const std::vector<std::vector<std::string>> flags = {
        {"--deadline", "5s"}, {"--retries", "3"}, {"--timeout", "1s"}, {"--creds-file", "/nonexistent"}};
    for (const auto& flag : flags) {
      CAPTURE(flag);
      const auto r = test::run_in_process(registry_args({"mirror", "resolve", "redis", "--mirror", "cn"}, flag));
      CHECK(r.exit_code == 2);
      CHECK(has(r.err, "devk8s: error: " + flag[0] + " only applies with --verify"));
      CHECK(has(r.err, "hint: add --verify to ask the registries, or drop " + flag[0]));
    }
  }
  SECTION("mirror check: --retries out of range is one line, not CLI11's text")
  {
    const auto r = test::run_in_process({"mirror", "check", "redis", "--retries", "11"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: --retries must be a whole number from 0 to 10, got \"11\"\n", 0) == 0);
  }
}

TEST_CASE("network failures in words, with the configured numbers and the flag to use", "[cli][registry][faults]")
{
  SECTION("an unknown CA: not curl's 'SSL peer certificate or SSH remote key was not OK'")
  {
    test::LocalRegistry& registry = test::shared_registry(test::Flavour::tls);
    const auto r = test::run_in_process({"mirror", "check", registry.ref(k_image), "-o", "json"});
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["code"] == "tls");
    CHECK(j[0]["message"] == "the registry's certificate is not signed by a trusted CA (use --ca-file)");
  }
  SECTION("no answer: the --timeout given, not 'Timeout was reached'")
  {
    test::FaultServer server;
    const auto r = test::run_in_process({"mirror", "check", server.host() + "/hang/x:1", "--insecure-registry", server.host(),
                                         "--timeout", "0.5", "--retries", "0", "-o", "json"});
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["message"] == "no answer from the registry within the 500ms timeout (--timeout)");
  }
}

TEST_CASE("hints never repeat the command that ran, nor suggest the mirror already given", "[cli][registry]")
{
  test::LocalRegistry& registry = test::shared_registry(test::Flavour::plain);
  SECTION("resolve --verify with no candidate found")
  {
    const std::string map = registry.dir().write(
        "flat.yaml", "name: flat\ndescription: d\nrules:\n  - flatten: gcr.io/k8s-minikube\n    to: " + registry.host() +
                         "/google_containers\n");
    const auto r = test::run_in_process({"mirror", "resolve", "--verify", "--skip-upstream", "gcr.io/k8s-minikube/absent:v1",
                                         "--mirror-file", map, "--insecure-registry", registry.host()});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "hint: "));
    CHECK_FALSE(has(r.err, "mirror resolve --verify"));
    CHECK(has(r.err, "hint: no candidate path has that tag"));
  }
  SECTION("unreachable through a mirror: another mirror, not --mirror cn")
  {
    const std::string dead = "127.0.0.1:" + std::to_string(test::closed_port());
    const std::string map = registry.dir().write(
        "dead.yaml", "name: dead\ndescription: d\nrules:\n  - flatten: gcr.io/k8s-minikube\n    to: " + dead +
                         "/google_containers\n");
    const auto r = test::run_in_process({"mirror", "check", "gcr.io/k8s-minikube/storage-provisioner:v5", "--mirror-file", map,
                                         "--insecure-registry", dead, "--retries", "0"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "hint: unreachable: "));
    CHECK_FALSE(has(r.err, "--mirror cn"));
    CHECK(has(r.err, "try another one ('devk8s mirror list') or your own map (--mirror-file FILE)"));
  }
}

TEST_CASE("mirror check --registry-endpoint asks a registry's images at another address, under their own names", "[cli][registry]")
{
  test::LocalRegistry& local = test::shared_registry(test::Flavour::plain);
  const std::string aliyun = "registry.cn-hangzhou.aliyuncs.com";
  SECTION("the names are Aliyun's; the answers come from the local registry")
  {
    const auto r = test::run_in_process({"mirror", "check", aliyun + "/" + k_image, aliyun + "/google_containers/nope:v5",
                                         "--registry-endpoint", aliyun + "=" + local.host(), "--insecure-registry",
                                         local.host(), "-o", "json"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["reference"] == aliyun + "/" + k_image);
    CHECK(j[0]["outcome"] == "found");
    CHECK(j[1]["outcome"] != "found");
  }
  SECTION("a value that is not REGISTRY=HOST[:PORT]: exit 2, naming it")
  {
    for (const std::string& bad :
         std::vector<std::string>{"127.0.0.1:5000", aliyun + "=", "=127.0.0.1:5000", aliyun + "=a b"}) {
      const auto r = test::run_in_process({"mirror", "check", aliyun + "/" + k_image, "--registry-endpoint", bad});
      CAPTURE(bad, r.err);
      CHECK(r.exit_code == 2);
      CHECK(has(r.err, "devk8s: error: --registry-endpoint \"" + bad + "\" is not REGISTRY=HOST[:PORT]"));
    }
  }
}
