// `devk8s doctor` against the simulated API server's fault modes (issue #12, "Fault modes"): the
// real binary, its exit code and its one-line errors. A cluster that cannot be read at all (401,
// refused, TLS, every list failing) exits 4 with one error line and a hint; a single list that
// fails is "not checked: …" and the rest of the report still prints; a slow server within the
// deadline and a list that changed between pages (410) still give the right answer.
#include "support/free_port.hpp"
#include "support/mirrored_sim.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

using devk8s::test::SimCluster;
using devk8s::test::TempDir;
using nlohmann::json;

namespace {

using devk8s::test::has;
using devk8s::test::read_file;

/// The lines of stderr that are devk8s's error and hint (progress lines come before them).
std::string error_lines(const std::string& err)
{
  std::string out;
  std::size_t start = 0;
  while (start < err.size()) {
    const auto end = std::min(err.find('\n', start), err.size());
    const std::string line = err.substr(start, end - start);
    if (line.rfind("devk8s: error: ", 0) == 0 || line.rfind("hint: ", 0) == 0) {
      out += line + "\n";
    }
    start = end + 1;
  }
  return out;
}

using devk8s::test::MirroredSim;

} // namespace

TEST_CASE("doctor: a cluster that cannot be read at all is exit 4 and one line", "[sim][e2e][doctor][faults]")
{
  MirroredSim s("healthy");
  const std::string server = s.sim.server();
  SECTION("401: the credentials were rejected, and how minikube refreshes them")
  {
    s.sim.set_faults({{"unauthorized", true}});
    auto r = s.run({"doctor"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.out.empty());
    CHECK(error_lines(r.err) ==
          "devk8s: error: the apiserver at " + server + " rejected the credentials of user \"minikube\" (context "
          "\"minikube\" in " + s.sim.kubeconfig() + "): HTTP 401 Unauthorized\n"
          "hint: certificates of a deleted or recreated cluster? `minikube update-context -p minikube` rewrites them "
          "(or `minikube start -p minikube`)\n");
  }
  SECTION("a refused connection: is the cluster running?")
  {
    const std::string port = server.substr(server.rfind(':') + 1);
    const std::string closed = std::to_string(devk8s::test::closed_port());
    const auto config = s.kubeconfig_with("refused", "127.0.0.1:" + port, "127.0.0.1:" + closed);
    auto r = s.run_with_kubeconfig({"doctor"}, config);
    CAPTURE(r.err);
    CHECK(r.exit_code == 4);
    CHECK(error_lines(r.err) == "devk8s: error: the apiserver at https://127.0.0.1:" + closed +
                                    " (context \"minikube\") refused the connection: nothing listens on that port\n"
                                    "hint: is the cluster running? try `minikube status -p minikube`\n");
  }
  SECTION("TLS: the kubeconfig's CA did not sign the server's certificate")
  {
    const std::string ca = s.sim.state_dir() + "/ca.crt";
    const std::string other = s.sim.state_dir() + "/profiles/stale/ca.crt"; // another minikubeCA
    const auto config = s.kubeconfig_with("tls", "certificate-authority: " + ca, "certificate-authority: " + other);
    auto r = s.run_with_kubeconfig({"doctor"}, config);
    CAPTURE(r.err);
    CHECK(r.exit_code == 4);
    CHECK(error_lines(r.err) ==
          "devk8s: error: TLS with the apiserver at " + server + " (context \"minikube\") failed: x509: certificate signed "
          "by unknown authority: the apiserver's certificate is not signed by a trusted CA (it is not the CA in "
          "certificate-authority " + other + " of cluster \"minikube\" in " + config + ")\n"
          "hint: the server's certificate does not match the kubeconfig's CA (or tls-server-name): a recreated cluster? "
          "`minikube update-context -p minikube` rewrites the kubeconfig\n");
  }
  SECTION("500 on every list: the first one says why")
  {
    s.sim.set_faults({{"error_500", {"pods", "persistentvolumeclaims", "persistentvolumes", "storageclasses", "nodes",
                                     "events"}}});
    auto r = s.run({"doctor"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 4);
    CHECK(error_lines(r.err) ==
          "devk8s: error: cannot list pods in every namespace: the apiserver at " + server + " answered HTTP 500 "
          "InternalError: Internal error occurred: etcdserver: request timed out\n"
          "hint: the API server is unwell: `minikube status -p minikube`, then `minikube logs -p minikube`\n");
  }
  SECTION("every list cut off mid-answer")
  {
    s.sim.set_faults({{"drop_mid_list", true}});
    auto r = s.run({"doctor"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 4);
    const auto lines = error_lines(r.err);
    CHECK(lines.rfind("devk8s: error: cannot list pods in every namespace: the apiserver at " + server +
                          " (context \"minikube\") broke off its answer: transfer closed with ",
                      0) == 0);
    CHECK(has(lines, "\nhint: the connection dropped mid-answer (the apiserver restarting, or a proxy); run the command "
                     "again\n"));
  }
}

TEST_CASE("doctor: one list that fails is 'not checked', the report still prints, and it is not called healthy", "[sim][e2e][doctor][faults]")
{
  MirroredSim s("healthy");
  const std::string server = s.sim.server();
  const auto pods = s.pods();
  SECTION("403 on events: the Status message verbatim")
  {
    s.sim.set_faults({{"forbidden", {"events"}}});
    auto r = s.run({"doctor"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1); // not seen whole: not called healthy
    CHECK(has(r.out, "not checked: cannot list events in every namespace: the apiserver at " + server +
                         " answered HTTP 403 Forbidden: events is forbidden: User \"minikube-user\" cannot list resource "
                         "\"events\" in API group \"\" at the cluster scope\n"));
    CHECK(has(r.out, "incomplete: no problem found in " + std::to_string(pods) + " pods, "));
    CHECK(error_lines(r.err).empty());
  }
  SECTION("500 on nodes, retried, then reported")
  {
    s.sim.set_faults({{"error_500", {"nodes"}}});
    auto r = s.run({"doctor", "-o", "json"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1); // not seen whole: not called healthy
    const auto doc = json::parse(r.out);
    REQUIRE(doc["unavailable"].size() == 1);
    CHECK(doc["healthy"] == false);
    CHECK(doc["unavailable"][0] == "cannot list nodes: the apiserver at " + server + " answered HTTP 500 "
                                   "InternalError: Internal error occurred: etcdserver: request timed out");
    // GETs meeting a 5xx are asked again (three attempts) before the list is given up.
    const auto log = read_file(s.sim.requests_log());
    std::size_t asked = 0;
    for (auto at = log.find("GET /api/v1/nodes?limit=500\n"); at != std::string::npos;
         at = log.find("GET /api/v1/nodes?limit=500\n", at + 1)) {
      ++asked;
    }
    CHECK(asked == 3);
  }
  SECTION("the pods' list cut off mid-answer")
  {
    s.sim.set_faults({{"drop_mid_list", {"pods"}}});
    auto r = s.run({"doctor"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1); // not seen whole: not called healthy
    CHECK(has(r.out, "not checked: cannot list pods in every namespace: the apiserver at " + server +
                         " (context \"minikube\") broke off its answer: transfer closed with "));
    CHECK(has(r.out, "incomplete: no problem found in 0 pods, "));
    CHECK(has(r.out, ", but 1 list could not be read (above)\n"));
  }
}

TEST_CASE("doctor: a slow server within the deadline, and a list that changes between pages", "[sim][e2e][doctor][faults]")
{
  MirroredSim s("healthy");
  const auto pods = s.pods();
  const auto healthy = "healthy: " + std::to_string(pods) + " pods, ";
  SECTION("every answer 1.5 s late: the same report")
  {
    s.sim.set_faults({{"slow_ms", 1500}});
    const auto start = std::chrono::steady_clock::now();
    auto r = s.run({"doctor"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, healthy));
    CHECK_FALSE(has(r.out, "not checked"));
    // The six lists went together: one round of answers, not six in a row.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(8));
  }
  SECTION("a pod deleted after the first page: 410, the list read again whole, the pod gone")
  {
    auto state = s.sim.state();
    auto items = state["cluster"]["pods"];
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& pod : items) {
      names.emplace_back(pod["metadata"]["namespace"].get<std::string>(), pod["metadata"]["name"].get<std::string>());
    }
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() >= 4);
    // The first pod of the first page: a list continued past the change would miss one more.
    s.sim.set_faults({{"max_page", 2},
                      {"between_pages",
                       {{"list", "pods"},
                        {"delete", {{{"resource", "pods"}, {"namespace", names[0].first}, {"name", names[0].second}}}}}}});
    auto r = s.run({"doctor"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "healthy: " + std::to_string(pods - 1) + " pods, "));
    CHECK_FALSE(has(r.out, "not checked"));
    // Page one, its token refused (410), then the whole list without paging, as client-go's pager does.
    const auto log = read_file(s.sim.requests_log());
    const auto first = log.find("GET /api/v1/pods?limit=500\n");
    // The second page asks for as many pods as fit in about 1 MB (curl_kube_api.cpp), not 500.
    const auto next = log.find("&continue=", log.find("GET /api/v1/pods?limit=", first + 1));
    const auto whole = log.find("GET /api/v1/pods\n", next);
    CHECK(first != std::string::npos);
    CHECK(next != std::string::npos);
    CHECK(whole != std::string::npos);
  }
}
