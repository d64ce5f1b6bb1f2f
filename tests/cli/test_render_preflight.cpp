#include "cli/render_preflight.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace devk8s::core::preflight;
using devk8s::core::finding::about_host;

namespace {

PreflightReport sample()
{
  PreflightReport r;
  r.findings = {
      about_host("cpu.host", Severity::fail, "cpu", "needs <2> & \"more\"", {"1 CPU", "cpu.max"}, "--force", true),
      about_host("tool.kubectl", Severity::warn, "kubectl", "skew", {"v1.17.9", "kubectl version"}, "minikube kubectl --"),
      about_host("kernel", Severity::ok, "kernel", "Linux 6.1", {"6.1", "/proc/sys/kernel/osrelease"}, ""),
  };
  r.overall = Severity::fail;
  r.command.flags = {{"--driver=docker", "default"}, {"--memory=1024mb", "asked"}};
  return r;
}

} // namespace

TEST_CASE("JUnit: failures are <failure>, warnings pass with output, text is escaped", "[cli][render]")
{
  const std::string xml = devk8s::cli::preflight_to_junit(sample());
  CHECK(xml.find("tests=\"3\" failures=\"1\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"needs &lt;2&gt; &amp; &quot;more&quot;\" type=\"fail\">evidence: 1 CPU (cpu.max)\naction: --force</failure>") !=
        std::string::npos);
  CHECK(xml.find("<system-out>warn: skew\nevidence: v1.17.9 (kubectl version)\naction: minikube kubectl --</system-out>") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"preflight.kernel\" name=\"kernel\"/>") != std::string::npos);
  CHECK(xml.find("needs <2>") == std::string::npos);
}

TEST_CASE("JSON: result first, argv and the shell-quoted command", "[cli][render]")
{
  const auto j = devk8s::cli::preflight_to_json(sample());
  CHECK(j.begin().key() == "result");
  CHECK(j["result"] == "fail");
  CHECK(j["summary"]["fail"] == 1);
  CHECK(j["summary"]["warn"] == 1);
  CHECK(j["minikube"]["command"] == "minikube start --driver=docker --memory=1024mb");
  CHECK(j["findings"][0]["evidence"]["source"] == "cpu.max");
}

TEST_CASE("JSON: a finding keeps preflight's keys and adds the shared Finding's", "[cli][render][finding]")
{
  const auto j = devk8s::cli::preflight_to_json(sample());
  const auto& f = j["findings"][0];
  std::vector<std::string> keys;
  for (const auto& item : f.items()) {
    keys.push_back(item.key());
  }
  // The keys scripts read since the first release, in their order, then the new ones.
  CHECK(keys == std::vector<std::string>{"id", "severity", "subject", "message", "evidence", "action", "forceable",
                                         "evidenceList", "causes", "fixes"});
  CHECK(f["id"] == "cpu.host");
  CHECK(f["severity"] == "fail");
  CHECK(f["subject"] == "cpu");
  CHECK(f["message"] == "needs <2> & \"more\"");
  CHECK(f["evidence"] == nlohmann::ordered_json{{"value", "1 CPU"}, {"source", "cpu.max"}});
  CHECK(f["action"] == "--force");
  CHECK(f["forceable"] == true);
  CHECK(f["evidenceList"] == nlohmann::ordered_json::array({{{"value", "1 CPU"}, {"source", "cpu.max"}}}));
  CHECK(f["causes"] == nlohmann::json::array());
  CHECK(f["fixes"] == nlohmann::json::array());
  CHECK(j["findings"][1]["forceable"] == false);
}

TEST_CASE("text: a table, the summary, the command, each flag's reason", "[cli][render]")
{
  std::ostringstream out;
  devk8s::cli::render_preflight_text(out, sample());
  const std::string text = out.str();
  CHECK(text.rfind("STATUS   CHECK          FINDING", 0) == 0);
  CHECK(text.find("\n1 failed, 1 warnings, 1 ok\n") != std::string::npos);
  CHECK(text.find("minikube command:\n  minikube start --driver=docker --memory=1024mb\n") != std::string::npos);
  CHECK(text.find("  --memory=1024mb   asked\n") != std::string::npos);
}
