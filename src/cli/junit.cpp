#include "cli/junit.hpp"

#include <cstdio>

namespace devk8s::cli::junit {

std::string escape(const std::string& text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default:
      // XML 1.0 forbids most control characters; tabs and newlines stay.
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') {
        out += c;
      }
    }
  }
  return out;
}

std::string to_xml(const Suite& suite)
{
  std::size_t failures = 0;
  std::size_t skipped = 0;
  for (const auto& c : suite.cases) {
    failures += c.failure_message ? 1U : 0U;
    skipped += (!c.failure_message && c.skipped_message) ? 1U : 0U;
  }
  const std::string tests = std::to_string(suite.cases.size());
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + escape(suite.report) +
                    "\" tests=\"" + tests + "\" failures=\"" + std::to_string(failures) + "\">\n  <testsuite name=\"" +
                    escape(suite.name) + "\" tests=\"" + tests + "\" failures=\"" + std::to_string(failures) +
                    "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\">\n";
  for (const auto& c : suite.cases) {
    xml += "    <testcase classname=\"" + escape(c.classname) + "\" name=\"" + escape(c.name) + "\"";
    if (c.seconds >= 0) {
      char time[32];
      std::snprintf(time, sizeof time, "%.3f", c.seconds);
      xml += std::string(" time=\"") + time + "\"";
    }
    if (c.failure_message) {
      xml += ">\n      <failure message=\"" + escape(*c.failure_message) + "\" type=\"" + escape(c.failure_type) + "\">" +
             escape(c.details) + "</failure>\n    </testcase>\n";
    } else if (c.skipped_message) {
      xml += ">\n      <skipped message=\"" + escape(*c.skipped_message) + "\"/>\n    </testcase>\n";
    } else if (!c.details.empty()) {
      xml += ">\n      <system-out>" + escape(c.details) + "</system-out>\n    </testcase>\n";
    } else {
      xml += "/>\n";
    }
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

} // namespace devk8s::cli::junit
