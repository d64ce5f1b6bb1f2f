// `devk8s doctor`: what is wrong with the cluster, as chains from what the user sees to a root
// cause, each root cause once however many symptoms it has, with its evidence and its fix.
// Exit codes: 0 healthy, 1 problems found, 2 usage, 4 the cluster could not be read, 130 interrupted.
#include "adapters/minikube/minikube_client.hpp"
#include "app/doctor.hpp"
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "core/finding/finding_json.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <set>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;
namespace finding = core::finding;

struct DoctorFlags {
  app::DoctorOptions options;
  app::KubeOptions kube;
  RegistryOptions registry;
  bool all_namespaces = false;
  bool skip_registry = false;
  std::string output = "text";
};

void evidence_lines(std::ostream& out, const finding::Finding& f, const std::string& indent)
{
  for (const auto& e : f.evidence) {
    out << indent << e.value << (e.source.empty() ? std::string() : "  [" + e.source + "]") << "\n";
  }
}

/// One tree per chain; a finding already shown in an earlier chain is named, not repeated.
void render_text(std::ostream& out, const app::DoctorReport& report)
{
  const auto& findings = report.findings;
  std::set<std::size_t> shown;
  std::set<std::size_t> roots;
  for (const auto& chain : report.chains) {
    for (std::size_t step = 0; step < chain.size(); ++step) {
      const auto i = chain[step];
      const auto& f = findings[i];
      const bool root = step + 1 == chain.size();
      const std::string lead = step == 0 ? "✗ " : "  ← ";
      if (shown.count(i) != 0) {
        out << lead << "(as above from " << f.subject.str() << ")\n";
        break;
      }
      shown.insert(i);
      if (root) {
        roots.insert(i);
      }
      out << lead << (root && step > 0 ? "root cause: " : "") << f.subject.str() << ": " << f.message << "\n";
      evidence_lines(out, f, step == 0 ? "    " : "      ");
      if (root && !f.hint.empty()) {
        out << (step == 0 ? "    " : "      ") << "fix: " << f.hint << "\n";
      }
    }
    out << "\n";
  }
  for (const auto& missing : report.unavailable) {
    out << "not checked: " << missing << "\n";
  }
  if (findings.empty()) {
    const auto& s = report.facts.snapshot;
    out << "healthy: " << s.pods.size() << " pods, " << s.persistent_volume_claims.size() << " claims, "
        << s.nodes.size() << " nodes, no problem found\n";
    return;
  }
  out << report.chains.size() << (report.chains.size() == 1 ? " problem, " : " problems, ") << roots.size()
      << (roots.size() == 1 ? " root cause" : " root causes") << "\n";
}

nlohmann::ordered_json render_json(const app::DoctorReport& report)
{
  nlohmann::ordered_json doc;
  doc["apiVersion"] = "devk8s.io/doctor/v1alpha1";
  doc["server"] = report.server;
  doc["mirrorMap"] = report.map;
  doc["healthy"] = report.findings.empty();
  auto findings = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    findings.push_back(finding::to_json(f));
  }
  doc["findings"] = findings;
  auto chains = nlohmann::ordered_json::array();
  for (const auto& chain : report.chains) {
    auto refs = nlohmann::ordered_json::array();
    for (const auto i : chain) {
      refs.push_back(i);
    }
    chains.push_back(refs);
  }
  doc["chains"] = chains; // indices into findings, symptom first, root cause last
  doc["unavailable"] = report.unavailable;
  return doc;
}

Result<ExitCode> run_doctor(Context& ctx, DoctorFlags& flags)
{
  auto options = flags.options;
  if (flags.all_namespaces && !options.namespace_name.empty()) {
    return util::usage_error("-A and -n exclude each other", "drop one");
  }
  options.mirror = with_mirror_environment(options.mirror, ctx.env);
  options.ask_registry = !flags.skip_registry;
  DEVK8S_TRY(options.registry, flags.registry.resolve(ctx));
  const auto kube_options = with_kube_environment(flags.kube, ctx.env);
  DEVK8S_TRY(const auto access, app::load_cluster_access(ctx.adapters.fs, kube_options));
  if (!access) {
    return util::Error{static_cast<ExitCode>(4), "no kubeconfig: there is no cluster to examine",
                       "start one: devk8s start (or minikube start)", {}};
  }
  DEVK8S_TRY(auto kube, ctx.adapters.kube.connect(*access));
  adapters::MinikubeClient minikube(ctx.adapters.runner);
  TextReporter reporter = ctx.reporter();
  auto report = unless_interrupted(app::diagnose(ctx.adapters, &minikube, *kube, options, reporter));
  if (!report) {
    auto error = report.error();
    if (error.code == ExitCode::failure) {
      error.code = static_cast<ExitCode>(4); // not one list could be read
    }
    return error;
  }
  if (flags.output == "json") {
    ctx.streams.out << json_text(render_json(*report)) << "\n";
  } else {
    render_text(ctx.streams.out, *report);
  }
  return report->findings.empty() ? ExitCode::ok : ExitCode::failure;
}

} // namespace

void add_doctor_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<DoctorFlags>();
  CLI::App* cmd = root.add_subcommand("doctor", "Find what is wrong with the cluster, from symptom to root cause");
  cmd->footer("Reads pods, claims, volumes, classes, nodes and events in one pass, checks every image a pod cannot\n"
              "pull on its registry (and through the mirror map the minikube profile uses), and prints one chain\n"
              "per symptom down to its root cause, with the evidence and the fix.\n"
              "Examples:\n"
              "  devk8s doctor\n"
              "  devk8s doctor -n default -o json\n"
              "Exit codes: 0 healthy, 1 problems found, 2 usage, 4 the cluster could not be read, 130 interrupted.");
  cmd->add_option("-p,--profile", flags->options.profile, "minikube profile (default: minikube)")->type_name("NAME");
  cmd->add_option("-n,--namespace", flags->options.namespace_name, "Only this namespace (default: all)")
      ->type_name("NS");
  cmd->add_flag("-A,--all-namespaces", flags->all_namespaces, "Every namespace (the default)");
  add_kube_flags(*cmd, flags->kube);
  add_mirror_flags(*cmd, flags->options.mirror);
  flags->registry.add_to(*cmd);
  cmd->add_flag("--skip-registry", flags->skip_registry, "Judge images from the kubelet's words; ask no registry");
  cmd->add_option("-o,--output", flags->output, "Output: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &action, flags] { action = [&ctx, flags] { return run_doctor(ctx, *flags); }; });
}

} // namespace devk8s::cli
