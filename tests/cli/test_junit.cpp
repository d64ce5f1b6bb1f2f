#include "adapters/process/boost_process_runner.hpp"
#include "cli/junit.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace devk8s::cli;

TEST_CASE("junit::to_xml counts failures and skips and escapes every field", "[cli][render]")
{
  junit::Suite suite{"smoke & co", "devk8s \"smoke\"", {}};
  junit::TestCase passed{"smoke.pvc", "write-read", {}, "fail", {}, "", 1.25};
  junit::TestCase failed{"smoke.dns", "resolve <svc>", std::string("no answer"), "timeout", {}, "nslookup: \x01timed out", -1};
  junit::TestCase skipped{"smoke.job", "complete", {}, "fail", std::string("no cluster"), "", -1};
  suite.cases = {passed, failed, skipped};
  const std::string xml = junit::to_xml(suite);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"devk8s &quot;smoke&quot;\" tests=\"3\" failures=\"1\">\n", 0) == 0);
  CHECK(xml.find("<testsuite name=\"smoke &amp; co\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"smoke.pvc\" name=\"write-read\" time=\"1.250\"/>") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"smoke.dns\" name=\"resolve &lt;svc&gt;\">\n      <failure message=\"no answer\" "
                 "type=\"timeout\">nslookup: timed out</failure>\n    </testcase>") != std::string::npos);
  CHECK(xml.find("<skipped message=\"no cluster\"/>") != std::string::npos);
  CHECK(xml.substr(xml.size() - 29) == "  </testsuite>\n</testsuites>\n");
}

TEST_CASE("junit::escape keeps tabs and newlines and drops other control characters", "[cli][render]")
{
  CHECK(junit::escape("a\tb\nc\x07'd'") == "a\tb\nc&apos;d&apos;");
}

TEST_CASE("junit: bytes that are not UTF-8 become U+FFFD, so the report stays well-formed XML", "[cli][render]")
{
  const std::string r = "\xEF\xBF\xBD";
  CHECK(junit::escape("minikube: \xFF\xFE oops") == "minikube: " + r + r + " oops");
  CHECK(junit::escape("half \xE9\x98 a character") == "half " + r + r + " a character");
  CHECK(junit::escape("阿里云 <ok>") == "阿里云 &lt;ok&gt;"); // valid UTF-8 passes
  CHECK(junit::escape("\xEF\xBF\xBF") == r);                   // U+FFFF is UTF-8, but not an XML character

  junit::Suite suite{"preflight", "devk8s preflight", {}};
  junit::TestCase c{"preflight.tool", "tool.minikube", std::string("bad \xC0\xAF output"), "fail", {}, "\x80\x81 \xF4\x90\x80\x80", -1};
  suite.cases = {c};
  const std::string xml = junit::to_xml(suite);
  // An XML parser is the judge: Python's expat refuses a document with one byte that is not UTF-8.
  devk8s::ports::Command parse;
  parse.argv = {"python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())"};
  parse.stdin_data = xml;
  parse.timeout = std::chrono::seconds(30);
  devk8s::adapters::BoostProcessRunner runner;
  const auto result = runner.run(parse);
  REQUIRE(result);
  CAPTURE(result->err);
  CHECK(result->exit_code == 0);
}
