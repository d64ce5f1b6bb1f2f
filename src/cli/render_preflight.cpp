#include "cli/render_preflight.hpp"

#include "cli/table.hpp"
#include "util/shell_quote.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace devk8s::cli {

namespace pf = core::preflight;

namespace {

std::string summary_line(const pf::PreflightReport& report)
{
  return std::to_string(report.count(pf::Severity::fail)) + " failed, " +
         std::to_string(report.count(pf::Severity::warn)) + " warnings, " +
         std::to_string(report.count(pf::Severity::ok)) + " ok";
}

std::string xml_escape(const std::string& text)
{
  std::string out;
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

} // namespace

void render_preflight_text(std::ostream& out, const pf::PreflightReport& report)
{
  Table table({"STATUS", "CHECK", "FINDING", "EVIDENCE", "ACTION"});
  for (const auto& f : report.findings) {
    table.add({pf::to_string(f.severity), f.id, f.message, f.evidence.str(), f.action.empty() ? "-" : f.action});
  }
  table.print(out);
  out << '\n' << summary_line(report) << "\n\nminikube command:\n  " << util::shell_join(report.command.argv())
      << "\n\nwhy each flag:\n";
  std::size_t width = 0;
  for (const auto& f : report.command.flags) {
    width = std::max(width, f.flag.size());
  }
  for (const auto& f : report.command.flags) {
    out << "  " << f.flag << std::string(width - f.flag.size() + 3, ' ') << f.reason << '\n';
  }
}

nlohmann::ordered_json preflight_to_json(const pf::PreflightReport& report)
{
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    findings.push_back({{"id", f.id},
                        {"severity", pf::to_string(f.severity)},
                        {"subject", f.subject},
                        {"message", f.message},
                        {"evidence", {{"value", f.evidence.value}, {"source", f.evidence.source}}},
                        {"action", f.action}});
  }
  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  for (const auto& f : report.command.flags) {
    flags.push_back({{"flag", f.flag}, {"reason", f.reason}});
  }
  return {{"result", pf::to_string(report.overall)},
          {"summary",
           {{"ok", report.count(pf::Severity::ok)},
            {"warn", report.count(pf::Severity::warn)},
            {"fail", report.count(pf::Severity::fail)}}},
          {"findings", findings},
          {"minikube",
           {{"argv", report.command.argv()}, {"command", util::shell_join(report.command.argv())}, {"flags", flags}}}};
}

std::string preflight_to_junit(const pf::PreflightReport& report)
{
  const auto total = std::to_string(report.findings.size());
  const auto failures = std::to_string(report.count(pf::Severity::fail));
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"devk8s preflight\" tests=\"" + total +
                    "\" failures=\"" + failures + "\">\n  <testsuite name=\"preflight\" tests=\"" + total +
                    "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\">\n";
  for (const auto& f : report.findings) {
    const std::string details = "evidence: " + f.evidence.str() + (f.action.empty() ? "" : "\naction: " + f.action);
    xml += "    <testcase classname=\"preflight." + xml_escape(f.subject) + "\" name=\"" + xml_escape(f.id) + "\"";
    if (f.severity == pf::Severity::fail) {
      xml += ">\n      <failure message=\"" + xml_escape(f.message) + "\" type=\"fail\">" + xml_escape(details) +
             "</failure>\n    </testcase>\n";
    } else if (f.severity == pf::Severity::warn) {
      xml += ">\n      <system-out>" + xml_escape("warn: " + f.message + "\n" + details) + "</system-out>\n    </testcase>\n";
    } else {
      xml += "/>\n";
    }
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

} // namespace devk8s::cli
