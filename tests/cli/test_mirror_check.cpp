// `devk8s mirror check` and `mirror resolve --verify`, end to end: cli::run in-process on the real
// adapters against a real registry seeded like the Aliyun mirror (seed-case.md), in four flavours.
#include "support/local_registry.hpp"
#include "support/cli_harness.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>

using namespace devk8s;

namespace {

std::vector<std::string> args(std::vector<std::string> a, const std::vector<std::string>& more)
{
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// A mirror map for the local registry: a naive exact rename first (the path minikube built),
// then the flat namespace Aliyun really has; a prefix rule for "upstream" copies on the same registry.
std::string local_map(const test::LocalRegistry& r)
{
  const std::string h = r.host();
  return "name: local\ndescription: the local registry seeded like Aliyun\nrules:\n"
         "  - exact: gcr.io/k8s-minikube/storage-provisioner\n    to: " + h + "/google_containers/k8s-minikube/storage-provisioner\n"
         "  - flatten: gcr.io/k8s-minikube\n    to: " + h + "/google_containers\n"
         "  - prefix: " + h + "/k8s-minikube\n    to: " + h + "/google_containers\n";
}

// The whitespace-separated fields of the table row for `reference`.
std::vector<std::string> row(const std::string& out, const std::string& reference)
{
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string w; words >> w;) {
      fields.push_back(w);
    }
    if (!fields.empty() && fields[0] == reference) {
      return fields;
    }
  }
  return {};
}

} // namespace

TEST_CASE("devk8s mirror check: the seed case over plain HTTP, TLS, Basic and Bearer", "[cli][registry]")
{
  const auto flavour = GENERATE(test::Flavour::plain, test::Flavour::tls, test::Flavour::basic, test::Flavour::bearer);
  CAPTURE(test::to_string(flavour));
  test::LocalRegistry& registry = test::shared_registry(flavour);
  const std::string flat = registry.ref("google_containers/storage-provisioner:v5");
  const std::string naive = registry.ref("google_containers/k8s-minikube/storage-provisioner:v5");

  SECTION("text: the naive path not found, the flat path found with its digest; exit 1")
  {
    const auto r = test::run_in_process(args({"mirror", "check", naive, flat}, registry.flags()));
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    CHECK(row(r.out, naive) == std::vector<std::string>{naive, "not-found", "HTTP", "404", "NOT_FOUND:", "manifest", "unknown"});
    CHECK(row(r.out, flat) == std::vector<std::string>{flat, "found", registry.digest("storage-provisioner")});
    CHECK(r.err.find("1 of 2 references cannot be pulled") != std::string::npos);
    CHECK(r.err.find("hint: not-found:") != std::string::npos);
  }
  SECTION("json, everything present: exit 0")
  {
    const auto r = test::run_in_process(
        args({"mirror", "check", flat, registry.ref("google_containers/oci-index:v1"), "-o", "json"}, registry.flags()));
    CAPTURE(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["reference"] == flat);
    CHECK(j[0]["outcome"] == "found");
    CHECK(j[0]["digest"] == registry.digest("storage-provisioner"));
    CHECK(j[1]["mediaType"] == "application/vnd.oci.image.index.v1+json");
  }
  if (registry.needs_credentials()) {
    SECTION("anonymous: denied, and the password never appears")
    {
      const auto r = test::run_in_process(args({"mirror", "check", flat, "-v"}, registry.flags(true)));
      CHECK(r.exit_code == 1);
      CHECK(r.out.find("denied") != std::string::npos);
      CHECK(r.out.find("may also not exist") != std::string::npos);
      const auto with = test::run_in_process(args({"mirror", "check", naive, "-v", "-o", "json"}, registry.flags()));
      CHECK(with.out.find("wonderland") == std::string::npos);
      CHECK(with.err.find("wonderland") == std::string::npos);
    }
  }
  SECTION("resolve --verify picks the flat path because it exists")
  {
    const std::string map = registry.dir().write("local.yaml", local_map(registry));
    const auto r = test::run_in_process(args({"mirror", "resolve", "--verify", "gcr.io/k8s-minikube/storage-provisioner:v5",
                                              "--mirror-file", map, "--skip-upstream"},
                                             registry.flags()));
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == flat + "\n");
    CHECK(r.err.find("skipped " + naive + ": not-found") != std::string::npos);
    // Without --verify the resolver's first choice is the naive path.
    const auto plain =
        test::run_in_process({"mirror", "resolve", "gcr.io/k8s-minikube/storage-provisioner:v5", "--mirror-file", map});
    CHECK(plain.out == naive + "\n");
  }
}

TEST_CASE("devk8s mirror resolve --verify: upstream digests and failures", "[cli][registry]")
{
  test::LocalRegistry registry(test::Flavour::plain);
  const std::string map = registry.dir().write("local.yaml", local_map(registry));
  const auto verify = [&](std::vector<std::string> refs, std::vector<std::string> extra = {}) {
    auto a = args({"mirror", "resolve", "--verify", "--mirror-file", map}, registry.flags());
    a.insert(a.end(), refs.begin(), refs.end());
    a.insert(a.end(), extra.begin(), extra.end());
    return test::run_in_process(a);
  };
  SECTION("a mirror copy whose digest differs from upstream's is a warning")
  {
    const auto r = verify({registry.ref("k8s-minikube/stale:v1")});
    CHECK(r.exit_code == 0);
    CHECK(r.out == registry.ref("google_containers/stale:v1") + "\n");
    CHECK(r.err.find("warning: " + registry.ref("google_containers/stale:v1") + " has digest " +
                     registry.digest("stale-mirror") + " but upstream has " + registry.digest("stale-upstream")) !=
          std::string::npos);
  }
  SECTION("mirror check --mirror-file checks where the map sends each reference")
  {
    const auto r = test::run_in_process(args({"mirror", "check", registry.ref("k8s-minikube/stale:v1"), "--mirror-file", map,
                                              "-o", "json"},
                                             registry.flags()));
    CHECK(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["original"] == registry.ref("k8s-minikube/stale:v1"));
    CHECK(j[0]["reference"] == registry.ref("google_containers/stale:v1"));
    CHECK(j[0]["digest"] == registry.digest("stale-mirror"));
  }
  SECTION("mirror check honours DEVK8S_MIRROR as resolve does")
  {
    registry.dir().write("config/devk8s/mirrors/local.yaml", local_map(registry));
    const std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", registry.dir().file("config")},
                                                 {"DEVK8S_MIRROR", "local"}};
    const auto r = test::run_in_process(args({"mirror", "check", registry.ref("k8s-minikube/stale:v1"), "-o", "json"},
                                             registry.flags()), {}, env);
    CHECK(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["original"] == registry.ref("k8s-minikube/stale:v1"));
    CHECK(j[0]["reference"] == registry.ref("google_containers/stale:v1"));
    // An empty DEVK8S_MIRROR chooses nothing: the reference is checked as given.
    const auto plain = test::run_in_process(args({"mirror", "check", registry.ref("k8s-minikube/stale:v1"), "-o", "json"},
                                                 registry.flags()));
    CHECK(nlohmann::json::parse(plain.out)[0]["reference"] == registry.ref("k8s-minikube/stale:v1"));
  }
  SECTION("the same digest upstream: no warning")
  {
    const auto r = verify({registry.ref("k8s-minikube/storage-provisioner:v5")});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning") == std::string::npos);
  }
  SECTION("no candidate exists: exit 1 naming each and what the registry said")
  {
    const auto r = verify({registry.ref("k8s-minikube/absent:v1")}, {"-o", "json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("devk8s: error: no candidate for \"" + registry.ref("k8s-minikube/absent:v1") + "\" exists: " +
                     registry.ref("google_containers/absent:v1") + " not-found (HTTP 404 NOT_FOUND: manifest unknown)") !=
          std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["verification"]["chosen"].is_null());
    CHECK(j[0]["verification"]["upstream"]["outcome"] == "not-found");
  }
}

TEST_CASE("devk8s mirror check: faults and bad input", "[cli][registry][faults]")
{
  SECTION("a server that never answers: unreachable within --timeout, exit 1")
  {
    test::FaultServer server;
    const auto start = std::chrono::steady_clock::now();
    const auto r = test::run_in_process({"mirror", "check", server.host() + "/hang/x:1", server.host() + "/ok/y:1",
                                         "--insecure-registry", server.host(), "--timeout", "0.5"});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    CHECK(r.exit_code == 1);
    CHECK(row(r.out, server.host() + "/hang/x:1").at(1) == "unreachable");
    CHECK(row(r.out, server.host() + "/hang/x:1").at(2) == "timeout:");
    CHECK(row(r.out, server.host() + "/ok/y:1") == std::vector<std::string>{server.host() + "/ok/y:1", "found", server.digest()});
  }
  SECTION("TLS without the CA: unreachable (tls)")
  {
    test::LocalRegistry registry(test::Flavour::tls);
    const auto r = test::run_in_process({"mirror", "check", registry.ref("google_containers/storage-provisioner:v5")});
    CHECK(r.exit_code == 1);
    const auto fields = row(r.out, registry.ref("google_containers/storage-provisioner:v5"));
    REQUIRE(fields.size() > 2);
    CHECK(fields[1] == "unreachable");
    CHECK(fields[2] == "tls:");
  }
  SECTION("usage errors: exit 2, one line each, a hint, and no password echoed")
  {
    const auto r = test::run_in_process({"mirror", "check", "Bad:Ref", "--creds", "nocolon"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: invalid image reference", 0) == 0);
    const auto creds = test::run_in_process({"mirror", "check", "x", "--creds", "hunter2", "--timeout", "0",
                                             "--ca-file", "/nonexistent.pem"});
    CHECK(creds.exit_code == 2);
    CHECK(creds.err.find("hunter2") == std::string::npos);
    CHECK(creds.err.find("--creds must be USER:PASSWORD or HOST=USER:PASSWORD") != std::string::npos);
    CHECK(creds.err.find("--timeout must be more than 0 and at most 1h, got \"0\"") != std::string::npos);
    CHECK(creds.err.find("--ca-file \"/nonexistent.pem\": no such file") != std::string::npos);
    CHECK(creds.err.find("hint: ") != std::string::npos);
    const auto flags = test::run_in_process({"mirror", "resolve", "x", "--mirror", "cn", "--ca-file", "/etc/hostname"});
    CHECK(flags.exit_code == 2);
    CHECK(flags.err.find("--ca-file only applies with --verify") != std::string::npos);
  }
  SECTION("a --ca-file with no certificate in it is usage, not every registry 'unreachable' (found by review)")
  {
    test::TempDir dir;
    const std::string junk = dir.write("junk.pem", "junk\n");
    const auto r = test::run_in_process({"mirror", "check", "127.0.0.1:1/a:1", "--ca-file", junk});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "devk8s: error: --ca-file \"" + junk +
                       "\": holds no PEM certificate (-----BEGIN CERTIFICATE-----)\nhint: run 'devk8s mirror check --help'\n");
    // The hint names the command that ran, not always `mirror check` (found by review).
    const auto resolve = test::run_in_process({"mirror", "resolve", "x", "-m", "cn", "--verify", "--ca-file", junk});
    CHECK(resolve.exit_code == 2);
    CHECK(resolve.err.find("hint: run 'devk8s mirror resolve --help'\n") != std::string::npos);
  }
}
