// Findings into chains, symptom to root cause (core/finding/chains.hpp), on the seed case's story.
#include "core/finding/chains.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::finding;

namespace {

Finding about(std::string id, Subject subject, std::vector<FindingRef> causes = {})
{
  Finding f;
  f.id = std::move(id);
  f.severity = Severity::fail;
  f.subject = std::move(subject);
  f.causes = std::move(causes);
  return f;
}

// The ids along each chain, for readable comparisons.
std::vector<std::vector<std::string>> ids(const std::vector<Finding>& findings)
{
  std::vector<std::vector<std::string>> out;
  for (const auto& chain : chains(findings)) {
    std::vector<std::string> words;
    for (const std::size_t i : chain) {
      words.push_back(findings[i].id);
    }
    out.push_back(words);
  }
  return out;
}

const Subject k_web = Subject::object("Pod", "default", "web-0");
const Subject k_claim = Subject::object("PersistentVolumeClaim", "default", "data-web-0");
const Subject k_provisioner = Subject::object("Pod", "kube-system", "storage-provisioner");
const Subject k_mirror = Subject::host("mirror");

} // namespace

TEST_CASE("Subject names a cluster object or a host fact", "[finding]")
{
  CHECK(k_web.str() == "Pod default/web-0");
  CHECK(Subject::object("Node", "", "minikube").str() == "Node minikube");
  CHECK(k_mirror.str() == "mirror");
  CHECK(k_mirror.is_host());
  CHECK_FALSE(k_web.is_host());
}

TEST_CASE("Finding: evidence text and worst severity", "[finding]")
{
  Finding f = about_host("memory.minimum", Severity::fail, "memory", "too little", {"1024 MiB", "--memory"}, "--memory=2g",
                         true);
  CHECK(f.subject == Subject::host("memory"));
  CHECK(f.evidence_text() == "1024 MiB (--memory)");
  f.evidence.push_back({"1833 MiB", "/proc/meminfo MemTotal"});
  CHECK(f.evidence_text() == "1024 MiB (--memory); 1833 MiB (/proc/meminfo MemTotal)");
  CHECK(worst({}) == Severity::ok);
  Finding warn = f;
  warn.severity = Severity::warn;
  CHECK(worst({warn}) == Severity::warn);
  CHECK(worst({warn, f}) == Severity::fail);
}

TEST_CASE("chains: from each symptom down its causes", "[finding]")
{
  SECTION("the seed case: a pod waits on a claim, the claim on the provisioner, the provisioner on the mirror")
  {
    // Listed root cause first, as analyzers may emit them in any order.
    const std::vector<Finding> findings = {
        about("mirror.missing-image", k_mirror),
        about("pod.image-pull-backoff", k_provisioner, {{"mirror.missing-image", k_mirror}}),
        about("pvc.pending", k_claim, {{"pod.image-pull-backoff", k_provisioner}}),
        about("pod.pending", k_web, {{"pvc.pending", k_claim}}),
    };
    CHECK(chains(findings) == std::vector<Chain>{{3, 2, 1, 0}});
  }
  SECTION("findings that stand alone are chains of one, in input order")
  {
    const std::vector<Finding> findings = {about("cpu.host", Subject::host("cpu")), about("memory.host", Subject::host("memory"))};
    CHECK(ids(findings) == std::vector<std::vector<std::string>>{{"cpu.host"}, {"memory.host"}});
  }
  SECTION("a shared cause ends two chains; a finding with two causes starts two")
  {
    const Subject a = Subject::object("Pod", "default", "a");
    const Subject b = Subject::object("Pod", "default", "b");
    const std::vector<Finding> findings = {
        about("pod.pending", a, {{"node.disk-pressure", Subject::object("Node", "", "minikube")}, {"pvc.pending", k_claim}}),
        about("pod.pending", b, {{"node.disk-pressure", Subject::object("Node", "", "minikube")}}),
        about("node.disk-pressure", Subject::object("Node", "", "minikube")),
        about("pvc.pending", k_claim),
    };
    CHECK(chains(findings) == std::vector<Chain>{{0, 2}, {0, 3}, {1, 2}});
  }
  SECTION("the same id about another object is another finding")
  {
    const Subject other = Subject::object("Pod", "default", "web-1");
    const std::vector<Finding> findings = {
        about("pod.pending", k_web, {{"pod.pending", other}}),
        about("pod.pending", other),
    };
    CHECK(chains(findings) == std::vector<Chain>{{0, 1}});
    CHECK(find(findings, {"pod.pending", other}) == std::optional<std::size_t>(1));
    CHECK_FALSE(find(findings, {"pod.pending", k_claim}));
  }
  SECTION("a cause that is not among the findings is skipped, as is a finding naming itself")
  {
    const std::vector<Finding> findings = {about("pod.pending", k_web, {{"pvc.pending", k_claim}, {"pod.pending", k_web}})};
    CHECK(chains(findings) == std::vector<Chain>{{0}});
  }
  SECTION("a cycle is cut, and findings only a cycle reaches still get a chain")
  {
    const Subject x = Subject::host("x");
    const Subject y = Subject::host("y");
    const std::vector<Finding> looped = {
        about("a", x, {{"b", y}}),
        about("b", y, {{"a", x}}),
    };
    CHECK(chains(looped) == std::vector<Chain>{{0, 1}});
    const std::vector<Finding> entered = {
        about("symptom", Subject::host("s"), {{"a", x}}),
        about("a", x, {{"b", y}}),
        about("b", y, {{"a", x}}),
    };
    CHECK(chains(entered) == std::vector<Chain>{{0, 1, 2}});
  }
}

TEST_CASE("problems: chains grouped by their root, with the part they share", "[finding]")
{
  SECTION("two pods, each behind its own claim, behind one provisioner: one problem sharing two findings")
  {
    const std::vector<Chain> seed = {{0, 1, 4, 5}, {2, 3, 4, 5}};
    const auto grouped = problems(seed);
    REQUIRE(grouped.size() == 1);
    CHECK(grouped[0].root == 5);
    CHECK(grouped[0].chains == seed);
    CHECK(grouped[0].shared == 2);
  }
  SECTION("different roots are different problems, in the order they are reached")
  {
    const auto grouped = problems({{0, 2}, {0, 3}, {1, 2}});
    REQUIRE(grouped.size() == 2);
    CHECK(grouped[0].root == 2);
    CHECK(grouped[0].chains == std::vector<Chain>{{0, 2}, {1, 2}});
    CHECK(grouped[0].shared == 1);
    CHECK(grouped[1].root == 3);
    CHECK(grouped[1].shared == 2); // one chain: all of it is its own and shared alike
  }
  SECTION("a chain of one shares only its root")
  {
    const auto grouped = problems({{7}});
    REQUIRE(grouped.size() == 1);
    CHECK(grouped[0].shared == 1);
  }
}
