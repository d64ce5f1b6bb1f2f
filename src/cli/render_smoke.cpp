#include "cli/render_smoke.hpp"

#include "cli/junit.hpp"
#include "cli/render_doctor.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

namespace devk8s::cli {

namespace {

using core::smoke::CheckState;

double seconds_of(std::chrono::milliseconds d)
{
  return static_cast<double>(d.count()) / 1000.0;
}

std::string seconds_text(std::chrono::milliseconds d)
{
  std::ostringstream s;
  s.precision(1);
  s << std::fixed << seconds_of(d) << " s";
  return s.str();
}

std::string doctor_text(const app::SmokeOutcome& outcome)
{
  if (outcome.doctor) {
    std::ostringstream s;
    render_doctor_text(s, *outcome.doctor, false);
    return s.str();
  }
  if (outcome.doctor_error) {
    return "the doctor could not read the cluster: " + outcome.doctor_error->message + "\n";
  }
  return {};
}

std::size_t passed_count(const app::SmokeOutcome& outcome)
{
  std::size_t n = 0;
  for (const auto& c : outcome.checks) {
    n += c.state == CheckState::passed ? 1 : 0;
  }
  return n;
}

} // namespace

void render_smoke_text(std::ostream& out, const app::SmokeOutcome& outcome, bool color)
{
  out << "smoke on " << outcome.server << ", namespace " << outcome.namespace_name
      << (outcome.map.empty() ? std::string(", images as written") : ", mirror " + outcome.map) << "\n";
  // One line per image and what it became: the four objects share one image.
  std::vector<std::pair<std::string, std::vector<std::string>>> lines;
  for (const auto& image : outcome.images) {
    const std::string line =
        image.written + " → " + image.used + (image.rule.empty() ? std::string() : " (" + image.rule + ")");
    auto it = std::find_if(lines.begin(), lines.end(), [&line](const auto& l) { return l.first == line; });
    if (it == lines.end()) {
      lines.push_back({line, {}});
      it = std::prev(lines.end());
    }
    it->second.push_back(image.object);
  }
  for (const auto& [line, objects] : lines) {
    out << "  image " << line << " for ";
    for (std::size_t i = 0; i < objects.size(); ++i) {
      out << (i == 0 ? "" : ", ") << objects[i];
    }
    out << "\n";
  }
  std::size_t width = 5;
  for (const auto& c : outcome.checks) {
    width = std::max(width, c.name.size());
  }
  out << "\n";
  for (const auto& c : outcome.checks) {
    const bool ok = c.state == CheckState::passed;
    const std::string mark = color ? (ok ? "\033[32m✓\033[0m" : "\033[31m✗\033[0m") : (ok ? "✓" : "✗");
    out << mark << " " << c.name << std::string(width - c.name.size() + 2, ' ') << core::smoke::to_string(c.state)
        << "  " << seconds_text(c.elapsed);
    if (!c.message.empty()) {
      out << "  " << c.message;
    }
    out << "\n";
  }
  if (outcome.setup_error) {
    out << "\nthe objects could not be created: " << outcome.setup_error->message << "\n";
  }
  if (const auto doctor = doctor_text(outcome); !doctor.empty()) {
    out << "\nthe doctor, on the failure:\n" << doctor;
  }
  if (outcome.cleanup_error) {
    out << "\ncleanup failed: " << outcome.cleanup_error->message << "\n";
  } else if (outcome.cleaned) {
    out << "\nnamespace " << outcome.namespace_name << " deleted\n";
  } else {
    out << "\nnamespace " << outcome.namespace_name << " kept (--keep): kubectl delete namespace "
        << outcome.namespace_name << "\n";
  }
  out << (outcome.passed() ? "smoke passed: " : "smoke failed: ") << passed_count(outcome) << " of "
      << outcome.checks.size() << " checks passed in " << seconds_text(outcome.elapsed) << "\n";
}

nlohmann::ordered_json render_smoke_json(const app::SmokeOutcome& outcome)
{
  nlohmann::ordered_json j;
  j["kind"] = "SmokeReport";
  j["server"] = outcome.server;
  j["namespace"] = outcome.namespace_name;
  j["mirror"] = outcome.map.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(outcome.map);
  j["images"] = nlohmann::ordered_json::array();
  for (const auto& image : outcome.images) {
    j["images"].push_back({{"manifest", image.origin}, {"object", image.object}, {"written", image.written},
                           {"used", image.used},
                           {"rule", image.rule}});
  }
  j["checks"] = nlohmann::ordered_json::array();
  for (const auto& c : outcome.checks) {
    nlohmann::ordered_json check{{"name", c.name},
                                 {"result", core::smoke::to_string(c.state)},
                                 {"seconds", seconds_of(c.elapsed)},
                                 {"message", c.message},
                                 {"objects", c.objects}};
    check["logs"] = nlohmann::ordered_json::object();
    for (const auto& [pod, log] : c.logs) {
      check["logs"][pod] = log;
    }
    j["checks"].push_back(std::move(check));
  }
  j["setupError"] = outcome.setup_error ? nlohmann::ordered_json(outcome.setup_error->message) : nullptr;
  j["doctor"] = outcome.doctor ? render_doctor_json(*outcome.doctor) : nlohmann::ordered_json(nullptr);
  j["doctorError"] = outcome.doctor_error ? nlohmann::ordered_json(outcome.doctor_error->message) : nullptr;
  j["cleanup"] = {{"deleted", outcome.cleaned},
                  {"error", outcome.cleanup_error ? nlohmann::ordered_json(outcome.cleanup_error->message) : nullptr}};
  j["seconds"] = seconds_of(outcome.elapsed);
  j["passed"] = outcome.passed();
  return j;
}

std::string render_smoke_junit(const app::SmokeOutcome& outcome)
{
  junit::Suite suite{"smoke", "devk8s smoke", {}};
  const std::string doctor = doctor_text(outcome);
  for (const auto& c : outcome.checks) {
    junit::TestCase t;
    t.classname = "smoke";
    t.name = c.name;
    t.seconds = seconds_of(c.elapsed);
    std::string details = "objects: ";
    for (std::size_t i = 0; i < c.objects.size(); ++i) {
      details += (i == 0 ? "" : ", ") + c.objects[i];
    }
    details += " in namespace " + outcome.namespace_name + "\n";
    for (const auto& [pod, log] : c.logs) {
      details += "log of pod " + pod + ":\n" + log + (log.empty() || log.back() == '\n' ? "" : "\n");
    }
    if (c.state != CheckState::passed) {
      t.failure_message = c.message;
      details = c.message + "\n" + details;
      if (!doctor.empty()) {
        details += "\nthe doctor:\n" + doctor;
      }
    }
    t.details = details;
    suite.cases.push_back(std::move(t));
  }
  // A cleanup that failed fails the job (exit 1): the report must not read all green.
  if (outcome.cleanup_error) {
    junit::TestCase t;
    t.classname = "smoke";
    t.name = "cleanup";
    t.failure_message = "namespace " + outcome.namespace_name + " was not deleted: " + outcome.cleanup_error->message;
    t.details = *t.failure_message + "\nkubectl delete namespace " + outcome.namespace_name + "\n";
    suite.cases.push_back(std::move(t));
  }
  return junit::to_xml(suite);
}

} // namespace devk8s::cli
