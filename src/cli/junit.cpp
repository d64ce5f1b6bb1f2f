#include "cli/junit.hpp"

#include "util/utf8.hpp"

#include <cstdio>
#include <string_view>

namespace devk8s::cli::junit {

std::string escape(const std::string& text)
{
  // A tool's output may be any bytes; an XML reader rejects the whole report for one byte that
  // is not UTF-8, so the text is made valid first.
  const std::string valid = util::utf8::sanitize(text);
  std::string out;
  out.reserve(valid.size());
  std::string_view rest = valid;
  while (!rest.empty()) {
    const auto c = util::utf8::decode(rest);
    const std::string_view bytes = rest.substr(0, c.length);
    rest.remove_prefix(c.length);
    switch (c.value) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    case 0xFFFE:
    case 0xFFFF:
      // Valid UTF-8, but not XML 1.0 characters.
      out += util::utf8::k_replacement;
      break;
    default:
      // XML 1.0 forbids most control characters; tabs and newlines stay.
      if (c.value >= 0x20 || c.value == '\n' || c.value == '\t') {
        out += bytes;
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
