#include "cli/render_start.hpp"

#include "cli/render_doctor.hpp"
#include "cli/table.hpp"
#include "core/net/transport_failure.hpp"
#include "core/plan/plan.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"


namespace devk8s::cli {

namespace {

using core::start::Repair;

std::string_view source_name(core::minikube::ImageSource source)
{
  switch (source) {
  case core::minikube::ImageSource::control_plane:
    return "control-plane";
  case core::minikube::ImageSource::cni:
    return "cni";
  case core::minikube::ImageSource::addon:
    return "addon";
  }
  return "addon";
}

/// The REPAIR column: what start does about the image, in a few words.
std::string repair_words(const core::start::ImageRow& row)
{
  switch (row.repair) {
  case Repair::none:
    return "-";
  case Repair::retag:
    return "retag after start";
  case Repair::enable_images:
    return "addons enable --images";
  case Repair::missing:
    return "none: missing";
  case Repair::unknown:
    return "none: not known";
  }
  return "-";
}

std::string answer_words(const core::registry::Outcome& outcome)
{
  return outcome.ok() ? "found" : std::string(core::registry::to_string(outcome.kind));
}

std::string context_line(const app::StartPlan& plan)
{
  const auto& images = *plan.images;
  std::string line = "images minikube " + plan.minikube->str() + " will pull";
  if (!images.verdict.rows.empty()) {
    line += " (" + images.plan.inventory + " addon table" + (images.plan.inventory_exact ? "" : ", nearest recorded") + ")";
  }
  return line;
}

void stops_text(std::ostream& out, const app::StartPlan& plan)
{
  const auto stops = plan.stops();
  if (stops.empty()) {
    return;
  }
  out << "\nstart stops here, before minikube runs (nothing was changed):\n";
  for (const auto& s : stops) {
    out << "  - " << s << "\n";
  }
}

nlohmann::ordered_json outcome_json(const core::registry::Outcome& outcome)
{
  nlohmann::ordered_json j = {{"outcome", core::registry::to_string(outcome.kind)}};
  if (outcome.ok()) {
    j["digest"] = outcome.digest;
  } else {
    j["message"] = outcome.message;
  }
  return j;
}

nlohmann::ordered_json error_json(const util::Error& error)
{
  nlohmann::ordered_json j = {{"message", error.message}, {"hint", error.hint}};
  if (!error.output.empty()) {
    j["output"] = error.output;
  }
  return j;
}

} // namespace

std::string short_duration(std::chrono::milliseconds took)
{
  // One formatter for durations (core/net's); a phase's time is rounded to what a reader needs.
  using std::chrono::milliseconds;
  const auto step = took < milliseconds(1000) ? milliseconds(1) : took < milliseconds(60000) ? milliseconds(100)
                                                                                              : milliseconds(1000);
  return core::net::format_duration(milliseconds((took.count() + step.count() / 2) / step.count() * step.count()));
}

void render_start_images_text(std::ostream& out, const app::StartPlan& plan, std::size_t width)
{
  if (!plan.images) {
    out << "images: not checked: " << plan.images_skipped << "\n";
    return;
  }
  out << context_line(plan) << ":\n";
  Table table({"COMPONENT", "IMAGE (AS MINIKUBE WILL REQUEST IT)", "REGISTRY", "REPAIR"});
  table.wrappable(1);
  for (const auto& row : plan.images->verdict.rows) {
    table.add({row.image.component, row.image.requested.str(), answer_words(row.requested), repair_words(row)});
  }
  table.print(out, width);
  out << plan.images->asked << " reference(s) asked\n";
  // The table says what; these say why, for every image that is not simply there.
  for (const auto& row : plan.images->verdict.rows) {
    if (row.repair != Repair::none) {
      out << "  " << row.image.component << ": " << row.why << "\n";
    }
  }
  const auto& verdict = plan.images->verdict;
  if (!verdict.warnings.empty()) {
    out << "addons that will not run:\n";
    for (const auto& w : verdict.warnings) {
      out << "  - " << w << "\n";
    }
  }
}

void render_start_plan_text(std::ostream& out, const app::StartPlan& plan, const TextOptions& options)
{
  render_preflight_text(out, plan.preflight.report, options);
  out << "\n";
  out << "profile " << plan.profile << ": " << app::to_string(plan.profile_state);
  if (plan.minikube) {
    out << ", minikube " << plan.minikube->str();
  }
  out << "\n";
  render_start_images_text(out, plan, options.width);
  stops_text(out, plan);
  if (!plan.stops().empty()) {
    return;
  }
  out << "\n";
  if (!plan.start.steps.empty()) {
    out << core::plan::render_text(plan.start, false);
  } else {
    out << "minikube start: not run (the profile runs); devk8s verifies and repairs it\n";
  }
  if (!plan.repair_addons.empty()) {
    out << "then, on the started cluster: devk8s retag " << util::join(plan.repair_addons, " ")
        << " (planned from the pods: the names above are what minikube will request)\n";
  } else if (plan.profile_state == app::ProfileState::running) {
    out << "then: devk8s doctor --fix, for what the doctor finds\n";
  } else {
    out << "nothing to repair: every image minikube will request exists\n";
  }
  out << core::plan::render_text(plan.verify, false) << "then: devk8s doctor\n";
}

nlohmann::ordered_json start_plan_json(const app::StartPlan& plan)
{
  nlohmann::ordered_json doc = {{"apiVersion", "devk8s.io/start/v1alpha1"}, {"kind", "Start"}};
  doc["profile"] = {{"name", plan.profile}, {"state", app::to_string(plan.profile_state)}};
  doc["minikube"] = plan.minikube ? nlohmann::ordered_json(plan.minikube->str()) : nlohmann::ordered_json(nullptr);
  doc["missingTools"] = plan.missing_tools;
  doc["preflight"] = preflight_to_json(plan.preflight.report, &plan.preflight.facts);
  doc["command"] = plan.argv;
  if (plan.images) {
    auto rows = nlohmann::ordered_json::array();
    for (const auto& row : plan.images->verdict.rows) {
      nlohmann::ordered_json r = {{"component", row.image.component},
                                  {"source", source_name(row.image.source)},
                                  {"upstream", row.image.upstream.str()},
                                  {"requested", row.image.requested.str()},
                                  {"registry", outcome_json(row.requested)}};
      if (row.candidate) {
        r["candidate"] = {{"image", row.candidate->ref.str()}, {"rule", row.candidate->rule}};
        if (row.candidate_outcome) {
          r["candidate"]["registry"] = outcome_json(*row.candidate_outcome);
        }
      }
      r["repair"] = core::start::to_string(row.repair);
      r["why"] = row.why;
      rows.push_back(r);
    }
    doc["images"] = {{"inventory", plan.images->plan.inventory},
                     {"inventoryExact", plan.images->plan.inventory_exact},
                     {"asked", plan.images->asked},
                     {"rows", rows},
                     {"warnings", plan.images->verdict.warnings}};
  } else {
    doc["images"] = {{"skipped", plan.images_skipped}};
  }
  doc["stops"] = plan.stops();
  doc["repairAddons"] = plan.repair_addons;
  doc["plan"] = core::plan::to_json(plan.start);
  doc["verify"] = core::plan::to_json(plan.verify);
  return doc;
}

void render_start_outcome_text(std::ostream& out, const app::StartPlan& plan, const app::StartOutcome& outcome,
                               bool color)
{
  out << "\nsummary\n";
  if (outcome.failure) {
    const auto& f = *outcome.failure;
    out << "  minikube start failed" << (f.reason.empty() ? "" : ": " + f.reason)
        << (f.message.empty() ? "" : " (" + f.message + ")") << "\n";
    if (!f.area.empty()) {
      out << "  area: " << f.area << "\n";
    }
    if (!f.suggestion.empty()) {
      out << "  minikube suggests: " << f.suggestion << "\n";
    }
    if (!f.hint.empty()) {
      out << "  devk8s advises: " << f.hint << "\n";
    }
  } else if (outcome.started) {
    out << "  started: profile " << plan.profile << " with " << util::shell_join(plan.argv) << "\n";
  } else {
    out << "  profile " << plan.profile << " was already running: verified and repaired only\n";
  }
  for (const auto& kept : outcome.kept_settings) {
    out << "  kept from the existing profile: " << kept << "\n";
  }
  if (outcome.repair) {
    const char* what = outcome.repair_error ? "  not repaired (the repair failed) " : "  repaired ";
    for (const auto& image : outcome.repair->images) {
      out << what << (image.addon.empty() ? "" : image.addon + ": ") << image.wanted << " (what minikube "
          << (plan.minikube ? plan.minikube->str() : std::string("here")) << " requests, missing on the mirror) from "
          << image.repair.source.str() << (image.rule.empty() ? "" : " (mirror rule " + image.rule + ")") << "\n";
    }
  }
  if (outcome.repair_error) {
    out << "  repair failed: " << outcome.repair_error->message << "\n";
  }
  if (!outcome.failure) {
    if (outcome.verify_error) {
      out << "  verification failed: " << outcome.verify_error->message << "\n";
    } else if (outcome.doctor || outcome.doctor_error) {
      out << "  verified: every kube-system pod Ready; a claim of the default class Bound (and removed)\n";
    }
  }
  if (outcome.doctor_error) {
    out << "  doctor: " << outcome.doctor_error->message << "\n";
  }
  if (!outcome.phases.empty()) {
    out << "  took:";
    for (const auto& phase : outcome.phases) {
      out << " " << phase.phase << " " << short_duration(phase.took) << (&phase == &outcome.phases.back() ? "" : ",");
    }
    out << "\n";
  }
  if (outcome.doctor && !outcome.healthy()) {
    out << "\n";
    render_doctor_text(out, *outcome.doctor, color);
  } else if (outcome.doctor) {
    out << "  doctor: healthy\n";
  }
  const std::string p = plan.profile == "minikube" ? "" : " -p " + plan.profile;
  if (outcome.healthy()) {
    out << "\nnext: deploy (claims of the default storage class bind); devk8s smoke" << p
        << " proves storage, services and DNS, and jobs\n";
  } else if (outcome.failure) {
    out << "\nnext: fix the cause above, then run devk8s start again (minikube logs" << p << " has the details)\n";
  } else {
    out << "\nnext: devk8s doctor" << p << " --fix (or fix by hand what it names), then devk8s start again\n";
  }
}

nlohmann::ordered_json start_outcome_json(const app::StartPlan& plan, const app::StartOutcome& outcome)
{
  auto doc = start_plan_json(plan);
  doc["started"] = outcome.started;
  if (outcome.failure) {
    const auto& f = *outcome.failure;
    doc["failure"] = {{"reason", f.reason}, {"message", f.message}, {"suggestion", f.suggestion},
                      {"area", f.area},     {"hint", f.hint}};
    if (outcome.failure_error) {
      doc["failure"]["exitCode"] = outcome.failure_error->exit_status ? nlohmann::ordered_json(*outcome.failure_error->exit_status)
                                                                      : nlohmann::ordered_json(nullptr);
      doc["failure"]["output"] = outcome.failure_error->output;
    }
  }
  doc["keptSettings"] = outcome.kept_settings;
  auto repairs = nlohmann::ordered_json::array();
  if (outcome.repair) {
    for (const auto& image : outcome.repair->images) {
      repairs.push_back({{"addon", image.addon},
                         {"wanted", image.wanted},
                         {"source", image.repair.source.str()},
                         {"rule", image.rule},
                         {"digest", image.digest}});
    }
  }
  doc["repairs"] = repairs;
  if (outcome.repair_error) {
    doc["repairError"] = error_json(*outcome.repair_error);
  }
  if (outcome.verify_error) {
    doc["verifyError"] = error_json(*outcome.verify_error);
  }
  doc["doctor"] = outcome.doctor ? render_doctor_json(*outcome.doctor) : nlohmann::ordered_json(nullptr);
  if (outcome.doctor_error) {
    doc["doctorError"] = error_json(*outcome.doctor_error);
  }
  auto phases = nlohmann::ordered_json::array();
  for (const auto& phase : outcome.phases) {
    phases.push_back({{"phase", phase.phase}, {"milliseconds", phase.took.count()}});
  }
  doc["phases"] = phases;
  doc["healthy"] = outcome.healthy();
  return doc;
}

} // namespace devk8s::cli
