// `devk8s install minikube|kubectl`: fetch a release binary from the chosen download source (or
// the fallbacks), verify it, install it. Builds a Plan; --dry-run prints it, a real run applies
// it through the RealExecutor (exec/binary_installer does the download).
#include "cli/commands.hpp"
#include "cli/download_options.hpp"
#include "cli/install_check.hpp"
#include "cli/installed_tools.hpp"
#include "cli/registry_options.hpp"
#include "cli/text_reporter.hpp"
#include "core/install/release_text.hpp"
#include "core/install/version_command.hpp"
#include "core/minikube/names.hpp"
#include "exec/executor.hpp"
#include "exec/plan_check.hpp"
#include "util/build_info.hpp"
#include "util/duration.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

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

struct InstallOptions {
  std::string version;
  bool match_cluster = false;
  std::string mirror;
  std::vector<std::string> downloads_files;
  std::string dir;
  bool force = false;
  bool dry_run = false;
  std::string timeout = "30s";
  std::string retries = "2"; ///< text: a bad value gets our message (registry_options.hpp)
  std::string profile = "minikube";
  KubeOptions kube;
};

std::string default_dir(Context& ctx)
{
  const auto home = ctx.env.get("HOME");
  return home && !home->empty() ? *home + "/.local/bin" : std::string();
}

// The newest release from the first source that answers; each failure is said on stderr.
util::Result<core::Version> latest_version(Context& ctx, const std::vector<const core::install::DownloadSource*>& order,
                                           Tool tool)
{
  std::vector<std::string> failures;
  for (const auto* source : order) {
    const auto* urls = source->find(tool);
    if (urls == nullptr || urls->latest.empty()) {
      continue;
    }
    ports::HttpRequest request;
    request.url = urls->latest;
    request.follow_redirects = true;
    request.timeout = std::chrono::seconds(20);
    request.max_body = 4u << 20;
    const auto response = ctx.adapters.http.perform(request);
    std::string why;
    if (!response.ok()) {
      why = std::string(ports::to_string(response.transport)) + ": " + response.transport_message;
    } else if (response.status != 200) {
      why = "HTTP " + std::to_string(response.status);
    } else if (auto version = core::install::parse_latest_version(response.body)) {
      return *version;
    } else {
      why = version.error().message;
    }
    failures.push_back(source->name + " (" + urls->latest + "): " + why);
    ctx.streams.err << "devk8s: cannot read the latest " << core::install::to_string(tool) << " version from "
                    << failures.back() << '\n';
  }
  return util::failure("cannot find the latest " + std::string(core::install::to_string(tool)) + " version" +
                           (failures.empty() ? ": no download source says where" : ""),
                       "pass --version V (e.g. --version v1.20.0)");
}

util::Result<core::Version> wanted_version(Context& ctx, const InstallOptions& o,
                                           const std::vector<const core::install::DownloadSource*>& order, Tool tool)
{
  if (!o.version.empty()) {
    auto version = core::Version::parse(o.version);
    if (!version) {
      return util::usage_error("--version: " + version.error().message, "give a release such as v1.20.0");
    }
    return *version;
  }
  if (o.match_cluster) {
    DEVK8S_TRY(const auto cluster, cluster_version(ctx, find_on_path(ctx, "kubectl"), find_on_path(ctx, "minikube"), o.profile, o.kube));
    ctx.streams.err << "devk8s: the cluster runs Kubernetes " << cluster.version.str() << " (from " << cluster.from << ")\n";
    return core::Version{cluster.version.major, cluster.version.minor, cluster.version.patch, {}};
  }
  return latest_version(ctx, order, tool);
}

util::Result<util::ExitCode> run_install(Context& ctx, const InstallOptions& o, Tool tool)
{
  const std::string name(core::install::to_string(tool));
  auto stall = util::parse_duration(o.timeout);
  if (!stall || stall->count() == 0) {
    return util::usage_error("--timeout: " + (stall ? "must be more than 0" : stall.error().message),
                             "give a duration such as 30s or 2m");
  }
  if (auto valid = core::minikube::check_profile_name(o.profile); !valid) {
    return valid.error();
  }
  const auto retries = parse_retries(o.retries);
  if (!retries) {
    return util::usage_error(retries_problem(o.retries), "the default is 2; a retry resumes where the last attempt stopped");
  }
  const std::string dir = o.dir.empty() ? default_dir(ctx) : o.dir;
  if (dir.empty()) {
    return util::usage_error("no target directory: HOME is not set", "pass --dir DIR");
  }
  if (const auto dir_kind = ctx.adapters.fs.kind(dir);
      dir_kind != ports::FileKind::directory && dir_kind != ports::FileKind::missing) {
    return util::failure(util::quoted(dir) + " is not a directory", "pass --dir DIR");
  }
  DEVK8S_TRY(const auto catalog, load_sources(ctx, o.downloads_files));
  std::string chosen = o.mirror;
  if (chosen.empty()) {
    // DEVK8S_MIRROR names an image mirror map; use it for downloads only where a source has that name.
    const auto env_mirror = ctx.env.get("DEVK8S_MIRROR").value_or("");
    if (!env_mirror.empty() && catalog.find(env_mirror) != nullptr) {
      chosen = env_mirror;
    }
  }
  DEVK8S_TRY(const auto order, catalog.order(chosen));
  DEVK8S_TRY(const auto version, wanted_version(ctx, o, order, tool));
  const auto candidates = core::install::candidates(order, tool, version.str(), host_platform());
  if (candidates.empty()) {
    return util::failure("no download source has " + name + ": " + util::join(catalog.names(), ", "),
                         "add one with --downloads-file FILE (see " + downloads_readme() + ")");
  }

  const std::string path = dir + (dir.back() == '/' ? "" : "/") + name;
  std::optional<std::string> backup;
  const auto kind = ctx.adapters.fs.kind(path);
  if (kind == ports::FileKind::directory || kind == ports::FileKind::other) {
    return util::failure(path + " exists and is not a file", "remove it or pass --dir DIR");
  }
  if (kind == ports::FileKind::regular) {
    auto existing = binary_version(ctx, path, tool);
    if (existing && *existing == version && !o.force) {
      ctx.streams.out << name << " " << version.str() << " is already installed at " << path << "\n";
      return util::ExitCode::ok;
    }
    // The package manager would overwrite our binary on its next upgrade, or trip over it: not
    // even --force replaces its files (issue #9, finding 4).
    if (const std::string owner = package_owner(ctx, path); !owner.empty()) {
      return util::failure(owner + ": refusing to replace it", "install into ~/.local/bin instead (leave out --dir), "
                                                               "and put ~/.local/bin first on PATH");
    }
    if (!o.force) {
      const std::string what = existing ? name + " " + existing->str() : "a file that is not a working " + name;
      return util::failure(path + " is " + what + ", not " + version.str() + ": refusing to replace it",
                           "add --force to replace it (the old one is kept as " +
                               exec::first_free_path(ctx.adapters.fs, path + ".old") + ")");
    }
    backup = path + ".old";
  }

  core::plan::InstallBinary step;
  step.tool = name;
  step.version = version.str();
  for (const auto& c : candidates) {
    step.candidates.push_back({c.source, c.url, c.checksum_urls});
  }
  step.path = path;
  step.backup = backup;
  auto version_command = core::install::version_command(tool);
  step.version_args = std::move(version_command.args);
  step.version_env = std::move(version_command.env);
  step.attempts = *retries + 1;
  step.stall_timeout = *stall;
  core::plan::Plan plan{"Install " + name + " " + version.str(),
                        {core::plan::Step{"install " + name + " " + version.str() + " to " + path, step, ""}}};
  exec::assign_free_backups(plan, ctx.adapters.fs); // NAME.old from an earlier --force is kept
  backup = std::get<core::plan::InstallBinary>(plan.steps.front().action).backup;

  TextReporter reporter(ctx.streams.err, ctx.streams.err_is_tty, ctx.global.verbosity > 0);
  exec::ExecutorChoice choice{o.dry_run, exec::PlanFormat::text, false, {}};
  choice.real = {&ctx.adapters.http, nullptr, &ctx.streams.err, ctx.streams.err_is_tty, nullptr, {}};
  const auto executor = exec::make_executor(ctx.adapters.fs, ctx.adapters.runner, reporter, ctx.streams.out, choice);
  if (auto applied = executor->execute(plan); !applied) {
    return applied.error();
  }
  if (!o.dry_run) {
    ctx.streams.out << "installed " << name << " " << version.str() << " at " << path
                    << (backup ? " (previous one kept as " + *backup + ")" : "") << "\n";
  }
  if (!on_path(ctx, dir)) {
    ctx.streams.err << "hint: " << dir << " is not on PATH; add it: export PATH=\"" << dir << ":$PATH\"\n";
  }
  return util::ExitCode::ok;
}

void add_shared_flags(CLI::App& cmd, InstallOptions& o)
{
  cmd.add_option("--version", o.version, "Release to install, e.g. v1.20.0 (default: the latest)");
  cmd.add_option("-m,--mirror", o.mirror, "Download source to try first (built in: official, cn; default: $DEVK8S_MIRROR if it names one)");
  cmd.add_option("--downloads-file", o.downloads_files, "Load download sources from FILE (repeatable)")->type_name("FILE");
  cmd.add_option("--dir", o.dir, "Install into DIR (default: ~/.local/bin)")->type_name("DIR");
  cmd.add_flag("--force", o.force, "Replace an existing different binary (kept as NAME.old)");
  cmd.add_flag("--dry-run", o.dry_run, "Print the plan and change nothing");
  cmd.add_option("--timeout", o.timeout, "Give up on a source that sends nothing for this long (default 30s)")->type_name("DURATION");
  cmd.add_option("--retries", o.retries, "Retries per source after a failed attempt, 0 to 10; each resumes (default 2)")
      ->type_name("N");
}

} // namespace

void add_install_command(CLI::App& root, Context& ctx, Action& action)
{
  auto check = std::make_shared<bool>(false);
  auto check_profile = std::make_shared<std::string>("minikube");
  auto check_kube = std::make_shared<KubeOptions>();
  auto check_output = std::make_shared<std::string>("text");
  CLI::App* cmd = root.add_subcommand("install", "Install minikube or kubectl from a reachable source, verified");
  cmd->add_flag("--check", *check, "Show what is installed, where, and what is recommended");
  cmd->add_option("-p,--profile", *check_profile, "minikube profile whose Kubernetes version --check reads");
  check_kube->add_to(*cmd);
  cmd->add_option("-o,--output", *check_output, "--check's output format: text, json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer("Exit codes: 0 installed (or already there), 1 download/verify/install failed or --check found\n"
              "a problem, 2 usage error.\nDownload sources (built in, ~/.config/devk8s/downloads.yaml, --downloads-file): " +
              downloads_readme() + ".");

  for (const Tool tool : core::install::all_tools()) {
    auto options = std::make_shared<InstallOptions>();
    const std::string name(core::install::to_string(tool));
    CLI::App* sub = cmd->add_subcommand(name, "Install " + name);
    add_shared_flags(*sub, *options);
    if (tool == Tool::kubectl) {
      auto* match = sub->add_flag("--match-cluster", options->match_cluster,
                                  "Install the cluster's version (from its API server, kubectl or minikube)");
      match->excludes(sub->get_option("--version"));
      sub->add_option("-p,--profile", options->profile, "minikube profile to read with --match-cluster");
      options->kube.add_to(*sub);
    }
    sub->callback([&ctx, &action, options, tool, check] {
      action = [&ctx, options, tool, check]() -> util::Result<util::ExitCode> {
        if (*check) {
          return util::usage_error("--check takes no tool", "run 'devk8s install --check'");
        }
        return run_install(ctx, *options, tool);
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
    } else if (!*check && (check_kube->named() || check_kube->allow_exec_plugin)) {
      action = []() -> util::Result<util::ExitCode> {
        return util::usage_error("--context/--kubeconfig/--allow-exec-plugin before the tool go with --check",
                                 "put them after the tool: devk8s install kubectl --match-cluster --context NAME");
      };
    } else if (!*check && *check_output != "text") {
      action = []() -> util::Result<util::ExitCode> {
        return util::usage_error("-o/--output goes with --check", "run 'devk8s install --check -o json'");
      };
    }
  });
}

} // namespace devk8s::cli
