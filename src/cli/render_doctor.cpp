#include "cli/render_doctor.hpp"

#include "cli/junit.hpp"
#include "core/finding/finding_json.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <set>

namespace devk8s::cli {

namespace {

namespace finding = core::finding;
namespace objects = core::kube::objects;

struct Paint {
  bool on;
  std::string operator()(const char* code, const std::string& text) const
  {
    return on ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
  }
};

void evidence_lines(std::ostream& out, const finding::Finding& f, const std::string& indent, const Paint& paint)
{
  for (const auto& e : f.evidence) {
    out << indent << paint("2", e.value + (e.source.empty() ? std::string() : "  [" + e.source + "]")) << "\n";
  }
}

std::string plural(std::size_t n, const std::string& one, const std::string& many)
{
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// The symptoms: the first finding of each chain, each once.
std::set<std::size_t> symptoms_of(const app::DoctorReport& report)
{
  std::set<std::size_t> heads;
  for (const auto& chain : report.chains) {
    heads.insert(chain.front());
  }
  return heads;
}

} // namespace

bool has_failures(const app::DoctorReport& report)
{
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [](const finding::Finding& f) { return f.severity == finding::Severity::fail; });
}

bool is_healthy(const app::DoctorReport& report)
{
  return !has_failures(report) && report.unavailable.empty();
}

void render_doctor_text(std::ostream& out, const app::DoctorReport& report, bool color)
{
  const Paint paint{color};
  const auto& findings = report.findings;
  std::set<std::size_t> shown;
  // One block per root cause. Its first chain is printed whole; the others up to the first
  // finding already printed, which is then named instead of repeated.
  for (const auto& problem : report.problems) {
    for (const auto& chain : problem.chains) {
      for (std::size_t step = 0; step < chain.size(); ++step) {
        const auto& f = findings[chain[step]];
        const bool root = step + 1 == chain.size();
        const std::string lead = step == 0 ? paint(f.severity == finding::Severity::fail ? "31" : "33",
                                                   f.severity == finding::Severity::fail ? "✗ " : "! ")
                                           : "  ← ";
        if (shown.count(chain[step]) != 0) {
          out << lead << "as above from " << f.subject.str() << "\n";
          break;
        }
        shown.insert(chain[step]);
        out << lead << (root && step > 0 ? paint("1", "root cause: ") : "") << f.message << "\n";
        evidence_lines(out, f, step == 0 ? "    " : "      ", paint);
      }
    }
    const auto& root = findings[problem.root];
    if (!root.hint.empty()) {
      out << "  " << paint("32", "fix: " + root.hint) << "\n";
    }
    out << "\n";
  }
  for (const auto& missing : report.unavailable) {
    out << "not checked: " << missing << "\n";
  }
  const auto& s = report.facts.snapshot;
  const std::string read = plural(s.pods.size(), "pod", "pods") + ", " +
                           plural(s.persistent_volume_claims.size(), "claim", "claims") + ", " +
                           plural(s.nodes.size(), "node", "nodes");
  if (!has_failures(report) && !report.unavailable.empty()) {
    out << "incomplete: no problem found in " << read << ", but "
        << plural(report.unavailable.size(), "list", "lists") << " could not be read (above)\n";
    return;
  }
  if (!has_failures(report)) {
    out << "healthy: " << read << ", no problem found"
        << (findings.empty() ? std::string() : " (" + plural(findings.size(), "warning", "warnings") + ")") << "\n";
    return;
  }
  std::size_t fixable = 0;
  for (const auto& problem : report.problems) {
    fixable += findings[problem.root].command.empty() ? 0u : 1u;
  }
  out << plural(report.problems.size(), "root cause", "root causes") << " behind "
      << plural(symptoms_of(report).size(), "symptom", "symptoms") << " (" << read << " read)";
  if (fixable > 0) {
    out << "; devk8s doctor --fix repairs "
        << (fixable < report.problems.size() ? std::to_string(fixable) + " of them" : fixable == 1 ? "it" : "them all");
  }
  out << "\n";
}

nlohmann::ordered_json render_doctor_json(const app::DoctorReport& report)
{
  const auto& s = report.facts.snapshot;
  const auto& facts = report.facts;
  nlohmann::ordered_json doc;
  doc["apiVersion"] = "devk8s.io/doctor/v1alpha1";
  doc["kind"] = "DoctorReport";
  doc["server"] = report.server;
  doc["healthy"] = is_healthy(report);
  doc["read"] = {{"namespace", facts.namespace_name},
                 {"pods", s.pods.size()},
                 {"persistentVolumeClaims", s.persistent_volume_claims.size()},
                 {"persistentVolumes", s.persistent_volumes.size()},
                 {"storageClasses", s.storage_classes.size()},
                 {"nodes", s.nodes.size()},
                 {"events", s.events.size()}};
  doc["minikube"] = {{"version", facts.minikube_version}, {"profile", facts.profile}};
  doc["versions"] = {{"kubectl", facts.kubectl_version ? facts.kubectl_version->str() : ""},
                     {"server", facts.server_version ? facts.server_version->str() : ""}};
  doc["mirrorMap"] = report.map;
  auto findings = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    auto j = finding::to_json(f);
    j["command"] = f.command;
    findings.push_back(std::move(j));
  }
  doc["findings"] = findings;
  doc["chains"] = report.chains; // indices into findings, symptom first, root cause last
  auto problems = nlohmann::ordered_json::array();
  for (const auto& p : report.problems) {
    std::vector<std::size_t> symptoms;
    for (const auto& chain : p.chains) {
      if (std::find(symptoms.begin(), symptoms.end(), chain.front()) == symptoms.end()) {
        symptoms.push_back(chain.front());
      }
    }
    problems.push_back({{"root", p.root}, {"symptoms", symptoms}, {"chains", p.chains}});
  }
  doc["problems"] = problems;
  auto checks = nlohmann::ordered_json::array();
  for (const auto& c : report.checks) {
    std::vector<std::size_t> found(c.count);
    for (std::size_t i = 0; i < c.count; ++i) {
      found[i] = c.first + i;
    }
    checks.push_back({{"name", c.name}, {"findings", found}, {"skipped", c.skipped}});
  }
  doc["checks"] = checks;
  doc["unavailable"] = report.unavailable;
  return doc;
}

std::string render_doctor_junit(const app::DoctorReport& report)
{
  junit::Suite suite{"doctor", "devk8s doctor", {}};
  // Reading the cluster is a check of its own: a list that could not be read is a failure
  // a CI job must not mistake for a healthy cluster.
  junit::TestCase lists;
  lists.classname = "doctor";
  lists.name = "read the cluster";
  if (!report.unavailable.empty()) {
    lists.failure_message = plural(report.unavailable.size(), "list", "lists") + " could not be read";
    lists.details = util::join(report.unavailable, "\n");
  } else {
    lists.details = "read from " + report.server;
  }
  suite.cases.push_back(std::move(lists));
  for (const auto& check : report.checks) {
    junit::TestCase c;
    c.classname = "doctor";
    c.name = check.name;
    std::vector<std::string> failed;
    std::vector<std::string> details;
    for (std::size_t i = check.first; i < check.first + check.count; ++i) {
      const auto& f = report.findings[i];
      details.push_back((f.severity == finding::Severity::fail ? "fail: " : "warn: ") + f.message + "\n  evidence: " +
                        f.evidence_text() + (f.hint.empty() ? std::string() : "\n  fix: " + f.hint));
      if (f.severity == finding::Severity::fail) {
        failed.push_back(f.message);
      }
    }
    if (!failed.empty()) {
      c.failure_message = failed.size() == 1 ? failed.front() : plural(failed.size(), "problem", "problems") + ": " + failed.front() + "; …";
      c.details = util::join(details, "\n");
    } else if (!check.skipped.empty() && details.empty()) {
      c.skipped_message = check.skipped;
    } else {
      c.details = util::join(details, "\n");
    }
    suite.cases.push_back(std::move(c));
  }
  return junit::to_xml(suite);
}

void render_fix_outcome_text(std::ostream& out, const app::DoctorReport& before, const app::DoctorReport& after,
                             const core::doctor::FixComparison& comparison)
{
  // What the user saw first (the symptoms), then what lay under them.
  const auto heads = symptoms_of(before);
  auto cleared = comparison.cleared;
  std::stable_partition(cleared.begin(), cleared.end(), [&heads](std::size_t i) { return heads.count(i) != 0; });
  for (const auto i : cleared) {
    out << "cleared: " << before.findings[i].message << "\n";
  }
  for (const auto i : comparison.remaining) {
    out << "remains: " << before.findings[i].message << "\n";
  }
  for (const auto i : comparison.appeared) {
    out << "new:     " << after.findings[i].message << "\n";
  }
}

nlohmann::ordered_json render_fix_outcome_json(const app::DoctorReport& before, const app::DoctorReport& after,
                                               const core::doctor::FixComparison& comparison)
{
  const auto list = [](const app::DoctorReport& report, const std::vector<std::size_t>& indices) {
    auto out = nlohmann::ordered_json::array();
    for (const auto i : indices) {
      const auto& f = report.findings[i];
      out.push_back({{"id", f.id}, {"subject", f.subject.str()}, {"message", f.message}});
    }
    return out;
  };
  return {{"cleared", list(before, comparison.cleared)},
          {"remaining", list(before, comparison.remaining)},
          {"appeared", list(after, comparison.appeared)}};
}

} // namespace devk8s::cli
