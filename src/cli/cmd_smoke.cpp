// `devk8s smoke`: real workloads on the profile's cluster (or --context's), each check passed or
// failed with its reason, the doctor on a failure, and a report for CI (-o junit, --report-dir).
// Exit codes: 0 every check passed (and the namespace is gone, unless --keep), 1 a check or the
// cleanup failed, 2 usage, 4 the cluster could not be reached, 130 interrupted.
#include "adapters/minikube/minikube_client.hpp"
#include "app/smoke.hpp"
#include "cli/commands.hpp"
#include "cli/duration_flag.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_doctor.hpp"
#include "cli/render_smoke.hpp"
#include "core/smoke/suite.hpp"
#include "exec/plan_check.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct SmokeFlags {
  app::SmokeOptions options;
  app::KubeOptions kube;
  RegistryOptions registry;
  std::string timeout = "5m";
  std::string output = "text";
  std::string report_dir;
  bool dry_run = false;
  bool skip_registry = false;
  bool profile_given = false;
  bool namespace_given = false;
};

/// --report-dir: what a CI job keeps as artifacts, so a failure can be read without the cluster.
Result<void> write_report(Context& ctx, const std::string& dir, const app::SmokeOutcome& outcome,
                          TextReporter& reporter)
{
  auto& fs = ctx.adapters.fs;
  std::vector<std::pair<std::string, std::string>> files = {
      {"junit.xml", render_smoke_junit(outcome)},
      {"smoke.json", json_text(render_smoke_json(outcome)) + "\n"},
  };
  if (outcome.doctor) {
    std::ostringstream text;
    render_doctor_text(text, *outcome.doctor, false);
    files.emplace_back("doctor.json", json_text(render_doctor_json(*outcome.doctor)) + "\n");
    files.emplace_back("doctor.txt", text.str());
  }
  if (!outcome.objects_described.empty()) {
    files.emplace_back("objects.txt", outcome.objects_described);
  }
  if (outcome.minikube_logs) {
    files.emplace_back("minikube-logs.txt", *outcome.minikube_logs);
  } else if (outcome.minikube_logs_error) {
    files.emplace_back("minikube-logs.txt", "minikube logs could not be read: " + outcome.minikube_logs_error->message + "\n");
  }
  for (const auto& [name, content] : files) {
    if (auto written = fs.write_file_atomic(dir + "/" + name, content, std::nullopt); !written) {
      return written.error();
    }
  }
  reporter.info("report written to " + dir + "/ (" + std::to_string(files.size()) + " files)");
  return {};
}

Result<ExitCode> run_smoke(Context& ctx, SmokeFlags& flags)
{
  auto& options = flags.options;
  if (!flags.namespace_given && !ctx.global.namespace_name.empty()) {
    options.namespace_name = ctx.global.namespace_name; // kubectl devk8s -n NS smoke
  }
  DEVK8S_TRY(options.timeout, wait_duration("--timeout", flags.timeout, "5m"));
  if (const auto why = core::smoke::invalid_namespace_name(options.namespace_name)) {
    return util::usage_error("-n " + util::quoted(options.namespace_name) + " is not a namespace name: " + *why,
                             "the default is devk8s-smoke");
  }
  if (flags.dry_run && flags.output == "junit") {
    // JUnit reports checks that ran; a dry run prints its plan as text or JSON.
    return util::usage_error("-o junit does not go with --dry-run: nothing runs to report",
                             "devk8s smoke --dry-run -o json prints the plan as JSON");
  }
  // The report directory is made before anything runs: one that cannot be written is found now,
  // not after the cluster was tested. A dry run only checks that it could be (it changes nothing).
  if (!flags.report_dir.empty() && flags.dry_run) {
    if (auto creatable = exec::check_directory_creatable(ctx.adapters.fs, flags.report_dir); !creatable) {
      return creatable.error();
    }
  } else if (!flags.report_dir.empty()) {
    if (auto made = ctx.adapters.fs.create_directories(flags.report_dir); !made) {
      return made.error();
    }
    if (auto writable = ctx.adapters.fs.check_directory_writable(flags.report_dir); !writable) {
      return writable.error();
    }
  }
  options.mirror = with_mirror_environment(options.mirror, ctx.env);
  options.collect_minikube_logs = !flags.report_dir.empty();
  options.doctor.profile = options.profile;
  options.doctor.mirror = options.mirror;
  options.doctor.ask_registry = !flags.skip_registry;
  options.doctor.search_path = ctx.env.get("PATH").value_or("");
  DEVK8S_TRY(options.doctor.registry, flags.registry.resolve(ctx));
  TextReporter reporter = ctx.reporter();
  DEVK8S_TRY(const auto plan, app::plan_smoke(ctx.adapters, options));
  if (flags.dry_run) {
    const auto executor =
        app::make_executor(ctx.adapters, {true, flags.output == "json" ? exec::PlanFormat::json : exec::PlanFormat::text, true, {}},
                           {ctx.streams.out, ctx.streams.err, ctx.streams.err_is_tty, reporter});
    if (auto shown = executor->execute(app::smoke_dry_run_plan(plan, options)); !shown) {
      return shown.error();
    }
    return ExitCode::ok;
  }
  auto kube_options = with_kube_environment(flags.kube, ctx);
  // -p names the cluster as it does for start and retag: minikube's context has the profile's name.
  if (flags.profile_given && !kube_options.named()) {
    kube_options.context = options.profile;
  }
  DEVK8S_TRY(auto kube, connect_cluster(ctx, kube_options, "smoke-test"));
  // The cluster must answer before anything is created: an unreachable one is exit 4, not a
  // failed check.
  if (auto version = kube->get("/version"); !version) {
    auto error = version.error();
    error.code = app::k_cluster_unreadable;
    return error;
  }
  adapters::MinikubeClient minikube(ctx.adapters.runner);
  const app::ExecutorStreams streams{ctx.streams.err, ctx.streams.err, ctx.streams.err_is_tty, reporter};
  DEVK8S_TRY(const auto outcome,
             unless_interrupted(app::run_smoke(ctx.adapters, &minikube, *kube, options, plan, streams)));
  if (flags.output == "json") {
    ctx.streams.out << json_text(render_smoke_json(outcome)) << "\n";
  } else if (flags.output == "junit") {
    ctx.streams.out << render_smoke_junit(outcome);
  } else {
    render_smoke_text(ctx.streams.out, outcome, ctx.color_out());
  }
  if (!flags.report_dir.empty()) {
    if (auto written = write_report(ctx, flags.report_dir, outcome, reporter); !written) {
      return written.error();
    }
  }
  return outcome.passed() ? ExitCode::ok : ExitCode::failure;
}

} // namespace

void add_smoke_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<SmokeFlags>();
  auto& o = flags->options;
  CLI::App* cmd = root.add_subcommand("smoke", "Prove the cluster runs real workloads: storage, services and DNS, jobs");
  cmd->footer("Creates smoke's objects (manifests/smoke/, built in) in their own namespace and checks, all at once:\n"
              "  storage  a claim of the default StorageClass is Bound, and a pod writes a file to it and reads it back\n"
              "  service  a Deployment is Ready behind a Service, and a Job fetches its page by the Service's DNS name\n"
              "  job      a Job runs to completion\n"
              "each proven by its pod's log where the manifest names the line. Images go through the mirror map like\n"
              "any manifest's (--mirror). A failed check brings the doctor's chains; --report-dir keeps the JUnit\n"
              "report, the JSON report, the doctor's JSON and text, the objects' state and events, and minikube's\n"
              "logs. The namespace is deleted at the end (and first, if a run left it), unless --keep.\n"
              "Examples:\n"
              "  devk8s smoke\n"
              "  devk8s smoke --mirror cn --timeout 10m\n"
              "  devk8s smoke -o junit --report-dir smoke-report > smoke.xml\n"
              "  devk8s smoke --dry-run\n"
              "Exit codes: 0 every check passed, 1 a check or the cleanup failed (or the namespace exists and is\n"
              "not smoke's), 2 usage, 4 the cluster could not be reached, 130 interrupted (the namespace is left;\n"
              "the next run deletes it first).");
  auto* profile = cmd->add_option("-p,--profile", o.profile,
                                  "minikube profile: its cluster (its kubeconfig context), its logs, its mirror for "
                                  "the doctor (default: the current context; minikube)")
                      ->type_name("NAME");
  auto* namespace_flag =
      cmd->add_option("-n,--namespace", o.namespace_name, "The namespace smoke creates and deletes (default: devk8s-smoke)")
          ->type_name("NS");
  add_kube_flags(*cmd, flags->kube);
  add_mirror_flags(*cmd, o.mirror);
  flags->registry.add_to(*cmd, false);
  cmd->add_flag("--skip-registry", flags->skip_registry, "On a failure, the doctor asks no registry");
  cmd->add_option("--timeout", flags->timeout, "How long the checks may take together (default 5m)")
      ->type_name("DURATION");
  cmd->add_flag("--keep", o.keep, "Leave the namespace and its objects for a look");
  cmd->add_option("--report-dir", flags->report_dir, "Write the reports and logs of the run into DIR")
      ->type_name("DIR");
  cmd->add_flag("--dry-run", flags->dry_run, "Print what would be created and deleted; change nothing");
  cmd->add_option("-o,--output", flags->output, "Output: text, json, junit")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  cmd->callback([&ctx, &action, flags, profile, namespace_flag] {
    flags->profile_given = profile->count() > 0;
    flags->namespace_given = namespace_flag->count() > 0;
    action = [&ctx, flags] { return run_smoke(ctx, *flags); };
  });
}

} // namespace devk8s::cli
