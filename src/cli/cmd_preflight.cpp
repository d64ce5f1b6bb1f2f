// `devk8s preflight`: measure this host once, judge it by minikube's and kubeadm's thresholds,
// and print the minikube command the request needs here, each flag with its reason.
// Exit codes: 0 all ok, 1 a failure, 2 usage, 3 warnings only.
#include "app/preflight.hpp"
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/render_preflight.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace devk8s::cli {

namespace {

namespace pf = core::preflight;
using util::ExitCode;
using util::Result;

struct PreflightFlags {
  app::PreflightOptions options;
  std::string output = "text";
};

Result<ExitCode> run_preflight(Context& ctx, const PreflightFlags& flags)
{
  app::PreflightOptions options = flags.options;
  options.mirror = with_mirror_environment(options.mirror, ctx.env);
  options.probe = host_probe_request(ctx.env);
  DEVK8S_TRY(const auto result, unless_interrupted(app::check_host(ctx.adapters, options)));
  const auto& [facts, report] = result;
  if (flags.output == "json") {
    ctx.streams.out << json_text(preflight_to_json(report, &facts)) << '\n';
  } else if (flags.output == "junit") {
    ctx.streams.out << preflight_to_junit(report);
  } else {
    render_preflight_text(ctx.streams.out, report, TextOptions{flags.output == "wide", ctx.output_width()});
  }
  switch (report.overall) {
  case pf::Severity::fail:
    ctx.streams.err << "devk8s: preflight failed: " << report.count(pf::Severity::fail)
                    << " check(s) failed; the printed minikube command carries the flags that get past the forceable ones\n";
    return ExitCode::failure;
  case pf::Severity::warn:
    return ExitCode::warnings;
  case pf::Severity::ok:
    break;
  }
  return ExitCode::ok;
}

} // namespace

void add_start_request_flags(CLI::App& cmd, app::PreflightOptions& options)
{
  cmd.add_option("--cpus", options.cpus,
                 "CPUs to give the cluster, " + std::to_string(app::k_min_cpus_flag) + " to " +
                     std::to_string(app::k_max_cpus_flag) + " (minikube default: 2)")
      ->type_name("N");
  cmd.add_option("--memory", options.memory, "Memory to give the cluster, e.g. 2g or 1833mb")->type_name("SIZE");
  cmd.add_option("--driver", options.driver, "minikube driver (default: docker)")->type_name("DRIVER");
  add_mirror_flags(cmd, options.mirror);
  cmd.add_option("--kubernetes-version", options.kubernetes_version,
                 "Kubernetes version, e.g. v1.20.2, or stable or latest (default: the minikube release's)")
      ->type_name("V");
  cmd.add_option("-p,--profile", options.profile, "minikube profile (cluster) name (default: minikube)")->type_name("NAME");
}

void add_preflight_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<PreflightFlags>();
  auto& options = flags->options;
  CLI::App* cmd = root.add_subcommand("preflight", "Check what this host can run, and print the minikube command for it");
  cmd->footer("Examples:\n"
              "  devk8s preflight\n"
              "  devk8s preflight --cpus 1 --memory 1024mb --mirror cn --driver docker\n"
              "  devk8s preflight -o junit > preflight.xml\n"
              "The table fits $COLUMNS, else the terminal's width (long text wraps); piped, lines are whole.\n"
              "Exit codes: 0 every check ok, 1 a check failed, 2 usage error, 3 warnings only, 130 interrupted.\n"
              "Sizes: 2g, 2048mb, 1.5GiB, 1833mb (binary units, as minikube reads them; a bare number is MB).");
  add_start_request_flags(*cmd, options);
  cmd->add_option("-o,--output", flags->output, "Output format: text, wide (with the evidence), json, junit")
      ->check(CLI::IsMember({"text", "wide", "json", "junit"}));
  cmd->callback([&ctx, &action, flags] { action = [&ctx, flags] { return run_preflight(ctx, *flags); }; });
}

} // namespace devk8s::cli
