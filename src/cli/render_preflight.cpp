#include "cli/render_preflight.hpp"

#include "cli/junit.hpp"
#include "cli/table.hpp"
#include "core/finding/finding_json.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace devk8s::cli {

namespace pf = core::preflight;

namespace {

std::string summary_line(const pf::PreflightReport& report)
{
  return std::to_string(report.count(pf::Severity::fail)) + " failed, " +
         std::to_string(report.count(pf::Severity::warn)) + " warnings, " +
         std::to_string(report.count(pf::Severity::ok)) + " ok";
}

template <typename T, typename F>
nlohmann::ordered_json fact_json(const pf::Fact<T>& fact, F value)
{
  if (!fact.known()) {
    return {{"known", false}, {"reason", fact.reason}};
  }
  return {{"value", value(*fact.value)}, {"source", fact.source}};
}

nlohmann::ordered_json tool_json(const pf::ToolFacts& tool)
{
  return {{"state", pf::to_string(tool.state)},
          {"version", tool.version ? tool.version->str() : ""},
          {"detail", tool.detail},
          {"command", tool.command}};
}

nlohmann::ordered_json host_json(const pf::HostFacts& facts)
{
  auto same = [](const auto& v) { return v; };
  auto mib = [](std::uint64_t bytes) { return bytes / pf::k_mib; };
  nlohmann::ordered_json docker = {{"endpoint", facts.docker_endpoint}};
  if (facts.docker_daemon.known()) {
    const auto& d = *facts.docker_daemon.value;
    docker["info"] = {{"serverVersion", d.server_version}, {"ncpu", d.ncpu}, {"memTotalMiB", d.mem_total / pf::k_mib},
                      {"cgroupVersion", d.cgroup_version}, {"cgroupDriver", d.cgroup_driver},
                      {"memoryLimit", d.memory_limit}, {"swapLimit", d.swap_limit}, {"rootless", d.rootless},
                      {"rootDir", d.root_dir}};
  } else {
    docker["reason"] = facts.docker_daemon.reason;
  }
  return {{"effectiveCpus", fact_json(pf::effective_cpus(facts.cpu), same)},
          {"effectiveMemoryMiB", fact_json(pf::effective_memory_bytes(facts.memory), mib)},
          {"memTotalMiB", fact_json(facts.memory.total_bytes, mib)},
          {"memAvailableMiB", fact_json(facts.memory.available_bytes, mib)},
          {"swapMiB", fact_json(facts.memory.swap_bytes, mib)},
          {"cgroupVersion", fact_json(facts.cgroup.version, [](pf::CgroupVersion v) { return pf::to_string(v); })},
          {"cgroupControllers", fact_json(facts.cgroup.controllers, same)},
          {"kernel", fact_json(facts.kernel, same)},
          {"uid", fact_json(facts.uid, same)},
          {"minikubeHomeFreeMiB", fact_json(facts.minikube_home.free_bytes, mib)},
          {"dockerRootFreeMiB", fact_json(facts.docker_root.free_bytes, mib)},
          {"tools", {{"minikube", tool_json(facts.minikube)}, {"kubectl", tool_json(facts.kubectl)},
                     {"docker", tool_json(facts.docker)}}},
          {"docker", docker}};
}

// The command, indented by two; past `width`, continued on the next line after " \", so that a
// copy of all its lines still pastes into a shell as one command.
std::string command_lines(const std::vector<std::string>& argv, std::size_t width)
{
  std::string out;
  std::string line = "  ";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string word = util::shell_quote(argv[i]);
    if (i > 0) {
      if (width > 0 && util::utf8::display_width(line) + 1 + util::utf8::display_width(word) + 2 > width) {
        out += line + " \\\n";
        line = "    ";
      } else {
        line += ' ';
      }
    }
    line += word;
  }
  return out + line + '\n';
}

} // namespace

void render_preflight_text(std::ostream& out, const pf::PreflightReport& report, const TextOptions& options)
{
  std::vector<std::string> headers{"STATUS", "CHECK", "FINDING", "ACTION"};
  if (options.wide) {
    headers.insert(headers.begin() + 3, "EVIDENCE");
  }
  Table table(headers);
  for (std::size_t i = 2; i < headers.size(); ++i) {
    table.wrappable(i);
  }
  for (const auto& f : report.findings) {
    std::vector<std::string> row{core::finding::to_string(f.severity), f.id, f.message, f.hint.empty() ? "-" : f.hint};
    if (options.wide) {
      row.insert(row.begin() + 3, f.evidence_text());
    }
    table.add(std::move(row));
  }
  table.print(out, options.width);
  out << '\n' << summary_line(report) << "\n\nminikube command:\n" << command_lines(report.command.argv(), options.width)
      << "\nwhy each flag:\n";
  const auto& flags = report.command.flags;
  if (flags.empty()) {
    return;
  }
  // The command stays one line to copy; the reasons wrap like the findings, indented by two.
  Table reasons({flags.front().flag, flags.front().reason});
  for (std::size_t i = 1; i < flags.size(); ++i) {
    reasons.add({flags[i].flag, flags[i].reason});
  }
  reasons.wrappable(1);
  std::ostringstream printed;
  reasons.print(printed, options.width > 2 ? options.width - 2 : 0);
  const std::string text = printed.str();
  for (const auto line : util::split(text, '\n')) {
    if (!line.empty()) {
      out << "  " << line << '\n';
    }
  }
}

nlohmann::ordered_json preflight_to_json(const pf::PreflightReport& report, const pf::HostFacts* facts)
{
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    findings.push_back(core::finding::to_json(f));
  }
  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  for (const auto& f : report.command.flags) {
    flags.push_back({{"flag", f.flag}, {"reason", f.reason}});
  }
  nlohmann::ordered_json j = {
      {"result", core::finding::to_string(report.overall)},
      {"summary",
       {{"ok", report.count(pf::Severity::ok)},
        {"warn", report.count(pf::Severity::warn)},
        {"fail", report.count(pf::Severity::fail)}}},
      {"findings", findings},
      {"minikube",
       {{"argv", report.command.argv()}, {"command", util::shell_join(report.command.argv())}, {"flags", flags}}}};
  if (facts != nullptr) {
    j["host"] = host_json(*facts);
  }
  return j;
}

std::string preflight_to_junit(const pf::PreflightReport& report)
{
  junit::Suite suite{"preflight", "devk8s preflight", {}};
  for (const auto& f : report.findings) {
    junit::TestCase c;
    c.classname = "preflight." + f.subject.str();
    c.name = f.id;
    const std::string details = "evidence: " + f.evidence_text() + (f.hint.empty() ? "" : "\naction: " + f.hint);
    if (f.severity == pf::Severity::fail) {
      c.failure_message = f.message;
      c.details = details;
    } else if (f.severity == pf::Severity::warn) {
      c.details = "warn: " + f.message + "\n" + details; // a warning passes, with its words kept
    }
    suite.cases.push_back(std::move(c));
  }
  return junit::to_xml(suite);
}

} // namespace devk8s::cli
