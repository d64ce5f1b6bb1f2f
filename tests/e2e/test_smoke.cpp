// `devk8s smoke` end to end on the simulation (issue #14): the real binary creates smoke's objects
// through the simulated API server, whose controllers run them (Deployment → ReplicaSet → pods,
// the Service's Endpoints, Jobs, the PV controller, kubelet pulls from the real local registry),
// reads the completed pods' logs, and deletes the namespace (Terminating, then gone). On the
// seed's cluster the storage check fails within its timeout and the report has the doctor's chain.
#include "support/mirrored_sim.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>

using devk8s::test::MirroredSim;
using nlohmann::json;

namespace {

using devk8s::test::has;
using devk8s::test::read_file;

/// The cluster's objects in smoke's namespace, of every kind the simulation keeps.
std::vector<std::string> smoke_leftovers(const MirroredSim& s)
{
  std::vector<std::string> left;
  const auto state = s.sim.state();
  for (const auto& [resource, items] : state["cluster"].items()) {
    for (const auto& item : items) {
      const auto& meta = item.value("metadata", json::object());
      if (meta.value("namespace", "") == "devk8s-smoke" ||
          (resource == "namespaces" && meta.value("name", "") == "devk8s-smoke")) {
        left.push_back(resource + "/" + meta.value("name", ""));
      }
    }
  }
  return left;
}

/// A JUnit file read back by a real XML parser (Python's ElementTree): each test case's name,
/// whether it failed, and its failure's message and body.
json parse_junit(const std::string& path)
{
  const std::string script =
      "import json, sys, xml.etree.ElementTree as ET\n"
      "root = ET.parse(sys.argv[1]).getroot()\n"
      "suites = [root] if root.tag == 'testsuite' else root.findall('testsuite')\n"
      "out = {'root': root.tag, 'suites': []}\n"
      "for s in suites:\n"
      "    cases = []\n"
      "    for c in s.findall('testcase'):\n"
      "        f = c.find('failure')\n"
      "        cases.append({'name': c.get('name'), 'classname': c.get('classname'), 'time': c.get('time'),\n"
      "                      'failed': f is not None, 'message': f.get('message') if f is not None else None,\n"
      "                      'body': (f.text if f is not None else (c.findtext('system-out') or ''))})\n"
      "    out['suites'].append({'name': s.get('name'), 'tests': s.get('tests'), 'failures': s.get('failures'),\n"
      "                          'cases': cases})\n"
      "print(json.dumps(out))\n";
  return json::parse(devk8s::test::output_of({"python3", "-c", script, path}));
}

const json& junit_case(const json& report, const std::string& name)
{
  for (const auto& c : report["suites"][0]["cases"]) {
    if (c["name"] == name) {
      return c;
    }
  }
  FAIL("no test case " << name);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("smoke on a healthy cluster: every check passes, and nothing is left in the API", "[sim][e2e][smoke]")
{
  MirroredSim s("healthy", {}, true);
  auto r = s.run({"smoke", "--mirror", "local", "--timeout", "30s", "-o", "json"});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  const auto report = json::parse(r.out);
  CHECK(report["passed"] == true);
  CHECK(report["mirror"] == "local");
  REQUIRE(report["checks"].size() == 3);
  std::vector<std::string> names;
  for (const auto& c : report["checks"]) {
    names.push_back(c["name"]);
    CHECK(c["result"] == "passed");
  }
  CHECK(names == std::vector<std::string>{"storage", "service", "job"});
  // The images went through the map's docker.io rule to the local registry.
  REQUIRE(report["images"].size() == 4);
  CHECK(report["images"][0]["used"] == s.host + "/library/busybox:1.36.1");
  // Each check was proven by the line its pod printed (the simulation's log of a completed pod:
  // its script's echo lines, tests/sim/README.md).
  CHECK(report["checks"][0]["logs"]["smoke-storage"] == "devk8s-smoke: storage ok\n");
  const auto& dns_logs = report["checks"][1]["logs"];
  REQUIRE(dns_logs.size() == 1);
  CHECK(dns_logs.begin().value() == "devk8s-smoke: service ok\n");
  CHECK(dns_logs.begin().key().rfind("smoke-dns-", 0) == 0);
  CHECK(report["cleanup"]["deleted"] == true);
  CHECK(report["doctor"].is_null()); // asked only on a failure
  CHECK(smoke_leftovers(s).empty());
  auto ns = s.sim.kubectl(devk8s::test::kubectl_120(), {"get", "namespace", "devk8s-smoke"});
  CHECK(ns.exit_code != 0);
  CHECK(has(ns.err, "namespaces \"devk8s-smoke\" not found"));
  // Progress went to stderr as each check passed.
  CHECK(has(r.err, "smoke: storage passed"));
  CHECK(has(r.err, "smoke: job passed"));
}

TEST_CASE("smoke --keep leaves the objects; the next run deletes them first", "[sim][e2e][smoke]")
{
  MirroredSim s("healthy", {}, true);
  // -p names the cluster by minikube's context of that name (the simulation's is "minikube").
  auto kept = s.run({"smoke", "-p", "minikube", "--mirror", "local", "--timeout", "30s", "--keep"});
  CAPTURE(kept.err);
  REQUIRE(kept.exit_code == 0);
  CHECK(has(kept.out, "namespace devk8s-smoke kept (--keep): kubectl delete namespace devk8s-smoke\n"));
  CHECK(has(kept.out, "smoke passed: 3 of 3 checks passed in "));
  const auto left = smoke_leftovers(s);
  CHECK(std::find(left.begin(), left.end(), "persistentvolumeclaims/smoke-data") != left.end());
  CHECK(std::find(left.begin(), left.end(), "deployments/smoke-web") != left.end());

  auto again = s.run({"smoke", "--mirror", "local", "--timeout", "30s"});
  CAPTURE(again.err);
  CHECK(again.exit_code == 0);
  CHECK(has(again.err, "namespace devk8s-smoke is left from an earlier run: deleting it first"));
  CHECK(smoke_leftovers(s).empty());
}

TEST_CASE("smoke on the seed's cluster fails at the claim, and the report has the doctor's chain",
          "[sim][e2e][smoke]")
{
  MirroredSim s("seed-cn-v1.20", {}, true);
  devk8s::test::TempDir out;
  const std::string dir = out.file("report");
  const auto began = std::chrono::steady_clock::now();
  auto r = s.run({"smoke", "--mirror", "local", "--timeout", "4s", "-o", "junit", "--report-dir", dir});
  const auto took = std::chrono::steady_clock::now() - began;
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  // Within its timeout: the checks end at 4 s; the doctor, the report and the cleanup follow.
  CHECK(took < std::chrono::seconds(20));
  // The JUnit on stdout and the one in the report are the same document.
  CHECK(read_file(dir + "/junit.xml") == r.out);
  const auto junit = parse_junit(dir + "/junit.xml");
  CHECK(junit["root"] == "testsuites");
  REQUIRE(junit["suites"].size() == 1);
  const auto& suite = junit["suites"][0];
  CHECK(suite["name"] == "smoke");
  CHECK(suite["tests"] == "3");
  CHECK(suite["failures"] == "1");
  REQUIRE(suite["cases"].size() == 3);
  const auto& storage = junit_case(junit, "storage");
  CHECK(storage["failed"] == true);
  CHECK(std::stod(storage["time"].get<std::string>()) >= 4.0);
  CHECK(std::stod(storage["time"].get<std::string>()) < 6.0);
  CHECK(storage["message"].get<std::string>().rfind(
            "timed out waiting for devk8s-smoke/smoke-data (Pending, waiting for provisioner k8s.io/minikube-hostpath)", 0) == 0);
  // The doctor's chain: the claim ← the provisioner that cannot pull ← the name v1.20.0 made.
  const std::string body = storage["body"];
  CHECK(has(body, "the doctor:"));
  CHECK(has(body, "storage-provisioner"));
  CHECK(has(body, "/google_containers/k8s-minikube/storage-provisioner:v5"));
  CHECK(has(body, "devk8s retag storage-provisioner"));
  CHECK(junit_case(junit, "service")["failed"] == false);
  CHECK(junit_case(junit, "job")["failed"] == false);
  CHECK(junit_case(junit, "job")["classname"] == "smoke");

  // The rest of the report.
  const auto doctor = json::parse(read_file(dir + "/doctor.json"));
  CHECK_FALSE(doctor["problems"].empty());
  CHECK(has(read_file(dir + "/doctor.txt"), "storage-provisioner"));
  const auto objects = read_file(dir + "/objects.txt");
  CHECK(has(objects, "PersistentVolumeClaim devk8s-smoke/smoke-data\n  Phase: Pending\n"));
  CHECK(has(objects, "ExternalProvisioning"));
  CHECK(has(objects, "Pod devk8s-smoke/smoke-storage\n  Phase: Pending\n"));
  const auto logs = read_file(dir + "/minikube-logs.txt");
  CHECK(has(logs, "==> Audit <=="));
  CHECK(has(logs, "==> kubelet <=="));
  CHECK(has(logs, "ImagePullBackOff"));
  const auto smoke_json = json::parse(read_file(dir + "/smoke.json"));
  CHECK(smoke_json["passed"] == false);
  // The failed run still cleaned up.
  CHECK(smoke_json["cleanup"]["deleted"] == true);
  CHECK(smoke_leftovers(s).empty());
}

TEST_CASE("smoke: usage and an unreachable cluster", "[sim][e2e][smoke]")
{
  MirroredSim s("healthy", {}, true);
  auto bad = s.run({"smoke", "--timeout", "0s"});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "devk8s: error: --timeout must be more than 0"));
  auto dry = s.run({"smoke", "--mirror", "local", "--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(has(dry.out, "create Pod smoke-storage (storage): " + s.host + "/library/busybox:1.36.1\n"));
  CHECK(smoke_leftovers(s).empty()); // a dry run creates nothing
  // Not even the report directory, which it only checks (found by review: it was made).
  devk8s::test::TempDir scratch;
  const std::string report = (scratch.path() / "reports" / "smoke").string();
  auto dry_report = s.run({"smoke", "--mirror", "local", "--dry-run", "--report-dir", report});
  CHECK(dry_report.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(scratch.path() / "reports"));
  const std::string file = scratch.write("a-file", "");
  auto under_file = s.run({"smoke", "--dry-run", "--report-dir", file + "/smoke"});
  CHECK(under_file.exit_code == 1);
  CHECK(has(under_file.err, "devk8s: error: cannot create " + file + "/smoke: " + file + " is not a directory\n"));
  auto dry_junit = s.run({"smoke", "--dry-run", "-o", "junit"});
  CHECK(dry_junit.exit_code == 2);
  CHECK(dry_junit.out.empty());
  CHECK(has(dry_junit.err, "devk8s: error: -o junit does not go with --dry-run: nothing runs to report\n"));
  const auto wrong = s.kubeconfig_with("wrong", s.sim.server(), "https://127.0.0.1:1");
  auto unreachable = s.run_with_kubeconfig({"smoke", "--timeout", "5s"}, wrong);
  CHECK(unreachable.exit_code == 4);
  CAPTURE(unreachable.err);
  CHECK(has(unreachable.err, "devk8s: error: the apiserver at https://127.0.0.1:1 (context \"minikube\") refused the "
                             "connection: nothing listens on that port\n"));
  CHECK(has(unreachable.err, "hint: is the cluster running? try `minikube status -p minikube`\n"));
  auto bad_ns = s.run({"smoke", "-n", "Smoke/pods"});
  CHECK(bad_ns.exit_code == 2);
  CHECK(has(bad_ns.err, "devk8s: error: -n \"Smoke/pods\" is not a namespace name: may hold only lower-case letters, "
                        "digits and '-'\n"));
}

TEST_CASE("smoke leaves a namespace of its name alone when it is not smoke's", "[sim][e2e][smoke]")
{
  MirroredSim s("healthy", {}, true);
  auto made = s.sim.kubectl(devk8s::test::kubectl_120(), {"create", "namespace", "devk8s-smoke"});
  REQUIRE(made.exit_code == 0);
  auto r = s.run({"smoke", "--mirror", "local", "--timeout", "10s"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "devk8s: error: namespace devk8s-smoke exists and is not smoke's (it has no label "
                   "devk8s.io/smoke=true)\n"));
  CHECK(has(r.err, "hint: smoke creates and deletes its own namespace: name another with -n NS\n"));
  auto still = s.sim.kubectl(devk8s::test::kubectl_120(), {"get", "namespace", "devk8s-smoke", "-o", "name"});
  CHECK(still.out == "namespace/devk8s-smoke\n");
  // Another name works beside it.
  auto other = s.run({"smoke", "--mirror", "local", "--timeout", "30s", "-n", "smoke-2"});
  CAPTURE(other.err);
  CHECK(other.exit_code == 0);
}
