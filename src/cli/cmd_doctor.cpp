// `devk8s doctor [--fix]`: what is wrong with the cluster, as chains from what the user sees to
// a root cause, each root cause once however many symptoms it has, with its evidence and its
// fix; with --fix, the fixes devk8s can run as one plan, then the diagnosis again.
// Exit codes: 0 healthy, 1 problems found (or left after --fix), 2 usage, 4 the cluster could
// not be read, 130 interrupted.
#include "adapters/minikube/minikube_client.hpp"
#include "app/doctor.hpp"
#include "app/doctor_fix.hpp"
#include "app/executor_choice.hpp"
#include "cli/commands.hpp"
#include "cli/duration_flag.hpp"
#include "cli/confirm.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_doctor.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct DoctorFlags {
  app::DoctorOptions options;
  app::KubeOptions kube;
  RegistryOptions registry;
  bool all_namespaces = false;
  bool skip_registry = false;
  bool fix = false;
  bool dry_run = false;
  bool yes = false;
  bool skip_upstream = false;
  std::string timeout = "5m";
  bool timeout_given = false;
  bool profile_given = false;
  std::chrono::milliseconds fix_timeout{}; ///< --timeout, read before the cluster is
  std::string output = "text";
};

void print_report(Context& ctx, const std::string& output, const app::DoctorReport& report)
{
  if (output == "json") {
    ctx.streams.out << json_text(render_doctor_json(report)) << "\n";
  } else if (output == "junit") {
    ctx.streams.out << render_doctor_junit(report);
  } else {
    render_doctor_text(ctx.streams.out, report, ctx.color_out());
  }
}

ExitCode verdict(const app::DoctorReport& report)
{
  return is_healthy(report) ? ExitCode::ok : ExitCode::failure;
}

/// --fix: the plan from the root causes, asked for, applied, and the cluster diagnosed again.
Result<ExitCode> fix(Context& ctx, const DoctorFlags& flags, const app::DoctorOptions& options, ports::KubeApi& kube,
                     ports::Minikube& minikube, const app::DoctorReport& before, TextReporter& reporter)
{
  const bool json = flags.output == "json";
  const bool text = flags.output == "text";
  app::RetagOptions retag;
  retag.profile = options.profile;
  retag.mirror = options.mirror;
  retag.registry = options.registry;
  retag.ask_upstream = !flags.skip_upstream;
  retag.search_path = ctx.env.get("PATH").value_or("");
  if (const auto tmp = ctx.env.get("TMPDIR"); tmp && !tmp->empty()) {
    retag.scratch_dir = *tmp;
  }
  retag.timeout = flags.fix_timeout;
  if (text) {
    render_doctor_text(ctx.streams.out, before, ctx.color_out());
  }
  DEVK8S_TRY(const auto planned,
             unless_interrupted(app::plan_doctor_fix(ctx.adapters, minikube, kube, before, retag, reporter)));
  nlohmann::ordered_json doc = {{"apiVersion", "devk8s.io/doctor/v1alpha1"}, {"kind", "DoctorFix"}};
  doc["before"] = render_doctor_json(before);
  if (text) {
    for (const auto i : planned.selection.manual) {
      const auto& f = before.findings[i];
      ctx.streams.out << "not for --fix: " << f.message << (f.hint.empty() ? std::string() : "; " + f.hint) << "\n";
    }
  }
  if (planned.plan.steps.empty()) {
    if (json) {
      doc["plan"] = core::plan::to_json(planned.plan);
      doc["applied"] = false;
      ctx.streams.out << json_text(doc) << "\n";
    } else if (flags.output == "junit") {
      ctx.streams.out << render_doctor_junit(before);
    } else {
      ctx.streams.out << "nothing for devk8s to fix\n";
    }
    return verdict(before);
  }
  if (!flags.dry_run && !flags.yes) {
    if (auto ok = confirm_plan(ctx, planned.plan, "doctor --fix"); !ok) {
      return ok.error();
    }
  }
  std::ostringstream plan_json;
  std::ostream& plan_out = text ? ctx.streams.out : static_cast<std::ostream&>(plan_json);
  const auto format = text ? exec::PlanFormat::text : exec::PlanFormat::json;
  const auto executor = app::make_executor(ctx.adapters, {flags.dry_run, format, true, {}},
                                           {plan_out, ctx.streams.err, ctx.streams.err_is_tty, reporter}, &kube);
  if (auto ran = executor->execute(planned.plan); !ran) {
    return ran.error();
  }
  if (flags.dry_run) {
    if (json) {
      doc["plan"] = nlohmann::ordered_json::parse(plan_json.str());
      doc["applied"] = false;
      ctx.streams.out << json_text(doc) << "\n";
    } else if (flags.output == "junit") {
      ctx.streams.out << render_doctor_junit(before);
    }
    return verdict(before);
  }
  DEVK8S_TRY(const auto after,
             unless_interrupted(app::diagnose(ctx.adapters, &minikube, kube, options, reporter)));
  const auto comparison = core::doctor::compare_findings(before.findings, after.findings);
  if (json) {
    doc["plan"] = core::plan::to_json(planned.plan);
    doc["applied"] = true;
    doc["after"] = render_doctor_json(after);
    const auto outcome = render_fix_outcome_json(before, after, comparison);
    for (const auto& [key, value] : outcome.items()) {
      doc[key] = value;
    }
    ctx.streams.out << json_text(doc) << "\n";
  } else if (flags.output == "junit") {
    ctx.streams.out << render_doctor_junit(after);
  } else {
    ctx.streams.out << "\nafter the fix:\n";
    render_fix_outcome_text(ctx.streams.out, before, after, comparison);
    ctx.streams.out << "\n";
    render_doctor_text(ctx.streams.out, after, ctx.color_out());
  }
  return verdict(after);
}

Result<ExitCode> run_doctor(Context& ctx, DoctorFlags& flags)
{
  auto options = flags.options;
  options.namespace_name = chosen_namespace(options.namespace_name, ctx);
  if (flags.all_namespaces && !options.namespace_name.empty()) {
    return util::usage_error("-A and -n exclude each other", "drop one");
  }
  if (!flags.fix) {
    // Each says "With --fix" in the help; alone it would be taken and do nothing.
    const std::pair<bool, const char*> fix_only[] = {
        {flags.dry_run, "--dry-run"}, {flags.yes, "--yes"}, {flags.skip_upstream, "--skip-upstream"}, {flags.timeout_given, "--timeout"}};
    for (const auto& [given, name] : fix_only) {
      if (given) {
        return util::usage_error(std::string(name) + " only goes with --fix",
                                 "devk8s doctor --fix --dry-run prints the repair plan");
      }
    }
  }
  // Read before the cluster is, so that a typo is a usage error, not found after the diagnosis.
  DEVK8S_TRY(flags.fix_timeout, wait_duration("--timeout", flags.timeout, "5m"));
  options.mirror = with_mirror_environment(options.mirror, ctx.env);
  options.ask_registry = !flags.skip_registry;
  options.search_path = ctx.env.get("PATH").value_or("");
  DEVK8S_TRY(options.registry, flags.registry.resolve(ctx));
  auto kube_options = with_kube_environment(flags.kube, ctx);
  // -p names the cluster as it does for retag and smoke: minikube's context has the profile's name.
  if (flags.profile_given && !kube_options.named()) {
    kube_options.context = options.profile;
  }
  if (flags.fix) {
    if (auto same = app::check_fix_cluster(ctx.adapters.fs, kube_options, options.profile); !same) {
      return same.error();
    }
  }
  DEVK8S_TRY(auto kube, connect_cluster(ctx, kube_options, "examine"));
  adapters::MinikubeClient minikube(ctx.adapters.runner);
  TextReporter reporter = ctx.reporter();
  DEVK8S_TRY(const auto report,
             unless_interrupted(app::diagnose(ctx.adapters, &minikube, *kube, options, reporter)));
  if (flags.fix) {
    return fix(ctx, flags, options, *kube, minikube, report, reporter);
  }
  print_report(ctx, flags.output, report);
  return verdict(report);
}

} // namespace

void add_doctor_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<DoctorFlags>();
  CLI::App* cmd = root.add_subcommand("doctor", "Find what is wrong with the cluster, from symptom to root cause");
  cmd->footer("Reads pods, claims, volumes, classes, nodes and events in one pass, checks every image a pod cannot\n"
              "pull on its registry (and through the mirror map the minikube profile uses), and prints one block\n"
              "per root cause: the chains from each symptom down to it, the evidence verbatim, and the fix.\n"
              "With --fix, the fixes devk8s can run (devk8s retag …) become one plan; it is printed, asked for\n"
              "(or --yes), applied, and the cluster is diagnosed again: what cleared, what remains.\n"
              "Examples:\n"
              "  devk8s doctor\n"
              "  devk8s doctor -n default -o json\n"
              "  devk8s doctor -o junit > doctor.xml\n"
              "  devk8s doctor --fix --dry-run\n"
              "  devk8s doctor --fix --yes\n"
              "Exit codes: 0 healthy, 1 problems found (or left after --fix), 2 usage (including --fix without\n"
              "--yes where nobody can be asked), 4 the cluster could not be read, 130 interrupted.");
  cmd->add_option("-p,--profile", flags->options.profile, "minikube profile (default: minikube)")->type_name("NAME");
  cmd->add_option("-n,--namespace", flags->options.namespace_name, "Only this namespace (default: all)")
      ->type_name("NS");
  cmd->add_flag("-A,--all-namespaces", flags->all_namespaces, "Every namespace (the default)");
  add_kube_flags(*cmd, flags->kube);
  add_mirror_flags(*cmd, flags->options.mirror);
  flags->registry.add_to(*cmd, false);
  cmd->add_flag("--skip-registry", flags->skip_registry, "Judge images from the kubelet's words; ask no registry");
  cmd->add_flag("--fix", flags->fix, "Repair the root causes devk8s can (asks first; see --dry-run, --yes)");
  cmd->add_flag("--dry-run", flags->dry_run, "With --fix: print the repair plan and change nothing");
  cmd->add_flag("-y,--yes", flags->yes, "With --fix: apply without asking");
  cmd->add_flag("--skip-upstream", flags->skip_upstream,
                "With --fix: do not ask the upstream registry for its digest (gcr.io often times out behind a firewall)");
  cmd->add_option("--timeout", flags->timeout, "With --fix: how long each wait may take (default 5m)")
      ->type_name("DURATION");
  cmd->add_option("-o,--output", flags->output, "Output: text, json, junit")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  cmd->callback([&ctx, &action, flags, cmd] {
    flags->timeout_given = cmd->get_option("--timeout")->count() > 0;
    flags->profile_given = cmd->get_option("--profile")->count() > 0;
    action = [&ctx, flags] { return run_doctor(ctx, *flags); };
  });
}

} // namespace devk8s::cli
