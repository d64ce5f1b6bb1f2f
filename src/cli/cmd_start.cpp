// `devk8s start`: the tools (installed after asking, or with --yes), preflight, every image the
// cluster will pull checked on the registry, then minikube start streamed, the planned repairs,
// kube-system Ready and a claim Bound, and the doctor. --dry-run stops before anything changes.
// Exit codes: 0 a verified healthy cluster, 1 minikube failed or the cluster is not healthy,
// 2 usage, 5 stopped before minikube ran (nothing changed), 130 interrupted.
#include "adapters/minikube/minikube_client.hpp"
#include "app/download_sources.hpp"
#include "app/install.hpp"
#include "app/start.hpp"
#include "app/tools.hpp"
#include "cli/commands.hpp"
#include "cli/duration_flag.hpp"
#include "cli/confirm.hpp"
#include "cli/install_options.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_start.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct StartFlags {
  app::StartOptions options;
  RegistryOptions registry;
  bool dry_run = false;
  bool yes = false;
  bool skip_upstream = false;
  std::string timeout = "5m";
  std::string start_timeout = "30m";
  std::string output = "text";
};

/// `devk8s install TOOL`, with --mirror NAME when the mirror's name is also a download source
/// (`cn` is both a map and a source), as install would then choose it.
std::string install_hint(Context& ctx, const app::StartPlan& plan, const app::MirrorOptions& mirror)
{
  const std::string name = mirror.mirror.empty() ? mirror.default_mirror : mirror.mirror;
  bool source = false;
  if (!name.empty()) {
    const auto catalog = app::load_sources(ctx.adapters.fs, user_config_dir(ctx.env), {});
    source = catalog && catalog->find(name) != nullptr;
  }
  std::vector<std::string> commands;
  for (const auto& tool : plan.missing_tools) {
    commands.push_back("devk8s install " + tool + (source ? " --mirror " + name : ""));
  }
  return util::join(commands, "; ") + "; or devk8s start --yes installs " +
         (plan.missing_tools.size() > 1 ? "them" : "it");
}

/// The hint for what stopped start: the tools, a mirror that cannot be asked, the first blocker's own.
std::string stop_hint(Context& ctx, const app::StartPlan& plan, const app::MirrorOptions& mirror)
{
  if (!plan.blockers.empty() && !plan.blockers.front().hint.empty()) {
    return plan.blockers.front().hint;
  }
  if (!plan.missing_tools.empty() && plan.unusable_tools.empty()) {
    return install_hint(ctx, plan, mirror);
  }
  if (plan.images) {
    for (const auto& row : plan.images->verdict.rows) {
      if (row.repair == core::start::Repair::unknown &&
          row.requested.kind == core::registry::OutcomeKind::unreachable) {
        return "the mirror cannot be reached from here: pick another (devk8s mirror list; --mirror NAME), or "
               "check the network (devk8s mirror check " +
               row.image.requested.str() + " -v)";
      }
    }
  }
  return "devk8s start --dry-run shows the image table and each image's repair";
}

/// Installs the missing tools (after asking, unless --yes), so that the plan can be made again.
/// False: the user said no.
Result<bool> install_missing(Context& ctx, const StartFlags& flags, const app::StartPlan& plan, TextReporter& reporter)
{
  const std::string what = util::join(plan.missing_tools, " and ");
  if (!flags.yes) {
    const bool many = plan.missing_tools.size() > 1;
    const std::string hint = install_hint(ctx, plan, flags.options.preflight.mirror);
    if (auto ok = confirm_question(ctx, what + (many ? " are" : " is") + " not installed. Install " +
                                            (many ? "them" : "it") + " now?",
                                   "start needs " + what, hint);
        !ok) {
      if (ok.error().code == ExitCode::interrupted) {
        return ok.error();
      }
      return false;
    }
  }
  const auto& mirror = flags.options.preflight.mirror;
  for (const auto& tool : plan.missing_tools) {
    app::InstallOptions o;
    o.tool = tool == "minikube" ? core::install::Tool::minikube : core::install::Tool::kubectl;
    // The mirror's name picks the download source only where one has that name (as DEVK8S_MIRROR does).
    o.default_mirror = mirror.mirror.empty() ? mirror.default_mirror : mirror.mirror;
    o.kube = flags.options.kube;
    DEVK8S_TRY(o, with_install_environment(o, ctx));
    const auto executor = app::make_executor(ctx.adapters, {false, exec::PlanFormat::text, false, {}},
                                             {ctx.streams.err, ctx.streams.err, ctx.streams.err_is_tty, reporter});
    DEVK8S_TRY(const auto installed, app::install_tool(ctx.adapters, o, *executor, reporter));
    reporter.info("installed " + installed.tool + " " + installed.version.str() + " at " + installed.path);
    if (!installed.dir_on_path) {
      return util::failure(installed.path + " is installed, but " + o.dir + " is not on PATH",
                           "export PATH=\"" + o.dir + ":$PATH\", then run devk8s start again");
    }
  }
  return true;
}

Result<ExitCode> run_start(Context& ctx, StartFlags& flags)
{
  auto& options = flags.options;
  DEVK8S_TRY(const auto timeout, wait_duration("--timeout", flags.timeout, "5m"));
  options.verify.timeout = timeout;
  DEVK8S_TRY(options.start_timeout, wait_duration("--start-timeout", flags.start_timeout, "45m"));
  options.preflight.mirror = with_mirror_environment(options.preflight.mirror, ctx.env);
  options.preflight.probe = host_probe_request(ctx.env);
  options.kube = with_kube_environment(options.kube, ctx);
  DEVK8S_TRY(options.registry, flags.registry.resolve(ctx));
  options.retag.timeout = timeout;
  options.retag.ask_upstream = !flags.skip_upstream;
  options.retag.search_path = ctx.env.get("PATH").value_or("");
  if (const auto tmp = ctx.env.get("TMPDIR"); tmp && !tmp->empty()) {
    options.retag.scratch_dir = *tmp;
  }
  options.doctor.profile = options.preflight.profile;
  options.doctor.mirror = options.preflight.mirror;
  options.doctor.registry = options.registry;
  options.doctor.search_path = options.retag.search_path;

  const bool json = flags.output == "json";
  TextReporter reporter = ctx.reporter();
  adapters::MinikubeClient minikube(ctx.adapters.runner);
  DEVK8S_TRY(auto plan, unless_interrupted(app::plan_start(ctx.adapters, minikube, options, reporter)));
  // The tools are offered only when nothing else stops start, and only to someone who can answer
  // (or said --yes); otherwise their absence is a stop like any other, with the install command.
  const bool can_ask = flags.yes || (ctx.streams.in_is_tty && ctx.streams.err_is_tty);
  if (!plan.missing_tools.empty() && !flags.dry_run && plan.blockers.empty() && plan.unusable_tools.empty() &&
      can_ask) {
    DEVK8S_TRY(const bool installed, install_missing(ctx, flags, plan, reporter));
    if (installed) {
      DEVK8S_TRY(plan, unless_interrupted(app::plan_start(ctx.adapters, minikube, options, reporter)));
    }
  }
  const TextOptions text{false, ctx.output_width()};
  const auto stops = plan.stops();
  if (flags.dry_run || !stops.empty()) {
    if (json) {
      ctx.streams.out << json_text(start_plan_json(plan)) << "\n";
    } else {
      render_start_plan_text(ctx.streams.out, plan, text);
    }
    if (stops.empty()) {
      return ExitCode::ok;
    }
    return util::Error{app::k_start_stopped, "start stopped before minikube ran: " + stops.front() +
                                                 (stops.size() > 1 ? " (and " + std::to_string(stops.size() - 1) +
                                                                         " more above)"
                                                                   : ""),
                       stop_hint(ctx, plan, options.preflight.mirror), {}, {}};
  }
  if (!json) {
    render_start_plan_text(ctx.streams.out, plan, text);
    ctx.streams.out << std::flush;
  }
  const app::ExecutorStreams streams{ctx.streams.err, ctx.streams.err, ctx.streams.err_is_tty, reporter};
  // The doctor answers what it read before Ctrl-C: a summary of it would not be the cluster's.
  DEVK8S_TRY(const auto outcome, unless_interrupted(app::run_start(ctx.adapters, minikube, options, plan, streams)));
  if (json) {
    ctx.streams.out << json_text(start_outcome_json(plan, outcome)) << "\n";
  } else {
    render_start_outcome_text(ctx.streams.out, plan, outcome, ctx.color_out());
  }
  if (outcome.failure && outcome.failure_error) {
    auto error = *outcome.failure_error;
    if (!outcome.failure->hint.empty()) {
      error.hint = outcome.failure->hint;
    }
    error.output.clear(); // streamed above as it came (and kept in -o json)
    return error;
  }
  return outcome.healthy() ? ExitCode::ok : ExitCode::failure;
}

} // namespace

void add_start_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<StartFlags>();
  auto& o = flags->options;
  CLI::App* cmd = root.add_subcommand("start", "Start a minikube cluster and prove it healthy: preflight, images, repairs");
  cmd->footer("Before minikube runs: the host (devk8s preflight), then every image the cluster will pull, under the\n"
              "name this minikube release will really request with this mirror, asked on the registry. A control-\n"
              "plane image that is missing, or a mirror that cannot be reached, stops start there. An addon image\n"
              "the mirror has under another name is repaired once the cluster is up (devk8s retag).\n"
              "Then: minikube start (its output streamed), the repairs, every kube-system pod Ready, a claim of the\n"
              "default storage class Bound (then removed), and the doctor. On a profile that already runs, start\n"
              "only verifies and repairs.\n"
              "Examples:\n"
              "  devk8s start --mirror cn --cpus 1\n"
              "  devk8s start --mirror cn --dry-run\n"
              "  devk8s start -p dev --addons metrics-server -o json\n"
              "  devk8s start -- --container-runtime=containerd\n"
              "Exit codes: 0 a verified healthy cluster, 1 minikube failed or the cluster is not healthy, 2 usage,\n"
              "5 stopped before minikube ran (nothing changed), 130 interrupted (minikube is stopped first).");
  add_start_request_flags(*cmd, o.preflight);
  cmd->add_option("--addons", o.addons, "Addons to enable beyond the defaults, comma-separated")
      ->delimiter(',')
      ->type_name("A,B");
  add_kube_flags(*cmd, o.kube);
  flags->registry.add_to(*cmd, false);
  cmd->add_flag("--dry-run", flags->dry_run, "Print preflight, the minikube command, the image table and the plan; change nothing");
  cmd->add_flag("-y,--yes", flags->yes, "Install missing tools without asking");
  cmd->add_flag("--skip-upstream", flags->skip_upstream,
                "Repairs do not ask the upstream registry for its digest (gcr.io often times out behind a firewall)");
  cmd->add_option("--timeout", flags->timeout, "How long each wait may take (default 5m)")->type_name("DURATION");
  cmd->add_option("--start-timeout", flags->start_timeout,
                  "How long minikube start may take, downloads included (default 30m)")
      ->type_name("DURATION");
  cmd->add_option("-o,--output", flags->output, "Output: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("minikube-flags", o.extra, "minikube start flags after --, passed on last")->type_name("FLAGS");
  cmd->callback([&ctx, &action, flags] { action = [&ctx, flags] { return run_start(ctx, *flags); }; });
}

} // namespace devk8s::cli
