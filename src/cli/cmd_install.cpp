// `devk8s install minikube|kubectl`: fetch a release binary from the chosen download source (or
// the fallbacks), verify it, install it. Builds a Plan; --dry-run prints it, a real run applies
// it through the RealExecutor (exec/binary_installer does the download).
#include "app/executor_choice.hpp"
#include "app/install.hpp"
#include "cli/commands.hpp"
#include "cli/install_check.hpp"
#include "cli/json_text.hpp"
#include "cli/install_options.hpp"
#include "cli/kube_options.hpp"
#include "cli/registry_options.hpp"
#include "core/minikube/names.hpp"
#include "util/build_info.hpp"
#include "util/duration.hpp"

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace devk8s::cli {

namespace {

using core::install::Tool;

// The schema of download sources, where `cmake --install` put it; a source checkout has it too.
std::string downloads_readme()
{
  return util::schema_readme("Download sources");
}

struct InstallFlags {
  app::InstallOptions options;
  std::string timeout = "30s";
  std::string retries = "2"; ///< text: a bad value gets our message (registry_options.hpp)
  bool dry_run = false;
  std::string output = "text";
  bool profile_given = false; ///< -p on the command line (kubectl only)
};

util::Result<util::ExitCode> run_install(Context& ctx, const InstallFlags& flags)
{
  app::InstallOptions o = flags.options;
  auto stall = util::parse_duration(flags.timeout);
  if (!stall || stall->count() == 0) {
    return util::usage_error("--timeout: " + (stall ? "must be more than 0" : stall.error().message),
                             "give a duration such as 30s or 2m");
  }
  if (auto valid = core::minikube::check_profile_name(o.profile); !valid) {
    return valid.error();
  }
  const auto retries = app::parse_retries(flags.retries);
  if (!retries) {
    return util::usage_error(app::retries_problem(flags.retries), "the default is 2; a retry resumes where the last attempt stopped");
  }
  DEVK8S_TRY(o, with_install_environment(o, ctx));
  // They choose the cluster whose version --match-cluster installs; alone they would be ignored,
  // and the user would get the latest kubectl while believing it matched that cluster.
  if (!o.match_cluster && (o.kube.named() || o.kube.allow_exec_plugin || flags.profile_given)) {
    return util::usage_error("--context, --kubeconfig, --allow-exec-plugin and -p choose the cluster for --match-cluster: "
                             "without it they do nothing",
                             "add --match-cluster to install the version that cluster runs, or leave them out");
  }
  o.stall_timeout = *stall;
  o.retries = *retries;

  const bool json = flags.output == "json";
  TextReporter reporter = ctx.reporter();
  const auto format = json ? exec::PlanFormat::json : exec::PlanFormat::text;
  const auto executor = app::make_executor(ctx.adapters, {flags.dry_run, format, false, {}},
                                           {ctx.streams.out, ctx.streams.err, ctx.streams.err_is_tty, reporter});
  DEVK8S_TRY(const auto result, app::install_tool(ctx.adapters, o, *executor, reporter));
  const std::string what = result.tool + " " + result.version.str();
  if (json && !(flags.dry_run && !result.already_installed)) {
    nlohmann::ordered_json j{{"tool", result.tool}, {"version", result.version.str()}, {"path", result.path},
                             {"result", result.already_installed ? "already-installed" : "installed"}};
    j["backup"] = result.backup ? nlohmann::ordered_json(*result.backup) : nlohmann::ordered_json(nullptr);
    ctx.streams.out << json_text(j) << '\n';
  } else if (result.already_installed) {
    ctx.streams.out << what << " is already installed at " << result.path << "\n";
  } else if (!flags.dry_run) {
    ctx.streams.out << "installed " << what << " at " << result.path
                    << (result.backup ? " (previous one kept as " + *result.backup + ")" : "") << "\n";
  }
  if (!result.already_installed && !result.dir_on_path) {
    ctx.streams.err << "hint: " << o.dir << " is not on PATH; add it: export PATH=\"" << o.dir << ":$PATH\"\n";
  }
  return util::ExitCode::ok;
}

void add_shared_flags(CLI::App& cmd, InstallFlags& flags)
{
  app::InstallOptions& o = flags.options;
  cmd.add_option("--version", o.version, "Release to install, e.g. v1.20.0 (default: the latest)");
  cmd.add_option("-m,--mirror", o.mirror, "Download source to try first (built in: official, cn; default: $DEVK8S_MIRROR if it names one)");
  cmd.add_option("--downloads-file", o.downloads_files, "Load download sources from FILE (repeatable)")->type_name("FILE");
  cmd.add_option("--dir", o.dir, "Install into DIR (default: ~/.local/bin)")->type_name("DIR");
  cmd.add_flag("--force", o.force, "Replace an existing different binary (kept as NAME.old)");
  cmd.add_flag("--dry-run", flags.dry_run, "Print the plan and change nothing");
  cmd.add_option("--timeout", flags.timeout, "Give up on a source that sends nothing for this long (default 30s)")->type_name("DURATION");
  cmd.add_option("--retries", flags.retries, "Retries per source after a failed attempt, 0 to 10; each resumes (default 2)")
      ->type_name("N");
  cmd.add_option("-o,--output", flags.output, "Output: text, json (with --dry-run: the plan)")
      ->check(CLI::IsMember({"text", "json"}));
}

} // namespace

void add_install_command(CLI::App& root, Context& ctx, Action& action)
{
  auto check = std::make_shared<bool>(false);
  auto check_profile = std::make_shared<std::string>("minikube");
  auto check_kube = std::make_shared<app::KubeOptions>();
  auto check_output = std::make_shared<std::string>("text");
  CLI::App* cmd = root.add_subcommand("install", "Install minikube or kubectl from a reachable source, verified");
  cmd->add_flag("--check", *check, "Show what is installed, where, and what is recommended");
  cmd->add_option("-p,--profile", *check_profile, "minikube profile whose Kubernetes version --check reads");
  add_kube_flags(*cmd, *check_kube, true);
  cmd->add_option("-o,--output", *check_output, "--check's output format: text, json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer("Exit codes: 0 installed (or already there), 1 download/verify/install failed or --check found\n"
              "a problem, 2 usage error, 130 interrupted.\nDownload sources (built in, ~/.config/devk8s/downloads.yaml, --downloads-file): " +
              downloads_readme() + ".");

  for (const Tool tool : core::install::all_tools()) {
    auto options = std::make_shared<InstallFlags>();
    options->options.tool = tool;
    const std::string name(core::install::to_string(tool));
    CLI::App* sub = cmd->add_subcommand(name, "Install " + name);
    add_shared_flags(*sub, *options);
    if (tool == Tool::kubectl) {
      auto* match = sub->add_flag("--match-cluster", options->options.match_cluster,
                                  "Install the cluster's version (from its API server, kubectl or minikube)");
      match->excludes(sub->get_option("--version"));
      sub->add_option("-p,--profile", options->options.profile, "minikube profile to read with --match-cluster");
      add_kube_flags(*sub, options->options.kube, true);
    }
    sub->callback([&ctx, &action, options, check, sub] {
      const CLI::Option* profile = sub->get_option_no_throw("--profile");
      options->profile_given = profile != nullptr && profile->count() > 0;
      action = [&ctx, options, check]() -> util::Result<util::ExitCode> {
        if (*check) {
          return util::usage_error("--check takes no tool", "run 'devk8s install --check'");
        }
        return run_install(ctx, *options);
      };
    });
  }
  cmd->callback([&ctx, &action, cmd, check, check_profile, check_kube, check_output] {
    if (*check && cmd->get_subcommands().empty()) {
      action = [&ctx, check_profile, check_kube, check_output]() -> util::Result<util::ExitCode> {
        if (auto valid = core::minikube::check_profile_name(*check_profile); !valid) {
          return valid.error();
        }
        return run_install_check(ctx, *check_profile, *check_kube, *check_output);
      };
    } else if (!*check && (check_kube->named() || check_kube->allow_exec_plugin ||
                           cmd->get_option("--profile")->count() > 0)) {
      // Given before the tool, or after `minikube` (which has none: CLI11 hands a subcommand's
      // unknown flag to its parent), they would choose no cluster at all.
      action = []() -> util::Result<util::ExitCode> {
        return util::usage_error("-p/--context/--kubeconfig/--allow-exec-plugin of 'install' go with --check",
                                 "for kubectl's version put them after the tool: devk8s install kubectl --match-cluster "
                                 "-p PROFILE");
      };
    } else if (!*check && *check_output != "text") {
      action = []() -> util::Result<util::ExitCode> {
        return util::usage_error("-o/--output goes with --check", "run 'devk8s install --check -o json'");
      };
    }
  });
}

} // namespace devk8s::cli
