#include "cli/junit.hpp"

#include <catch2/catch.hpp>

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
