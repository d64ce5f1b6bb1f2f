// `devk8s preflight`: measure this host once, judge it by minikube's and kubeadm's thresholds,
// and print the minikube command the request needs here, each flag with its reason.
// Exit codes: 0 all ok, 1 a failure, 2 usage, 3 warnings only.
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/render_preflight.hpp"
#include "core/preflight/engine.hpp"
#include "core/preflight/memory_size.hpp"
#include "core/minikube/names.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <memory>

namespace devk8s::cli {

namespace {

namespace pf = core::preflight;
using util::ExitCode;
using util::Result;

// The range --cpus accepts: a cluster needs a CPU, and no host devk8s targets has more than 4096.
constexpr int k_min_cpus_flag = 1;
constexpr int k_max_cpus_flag = 4096;

struct PreflightOptions {
  std::string cpus;
  std::string memory;
  std::string driver;
  MirrorOptions mirror;
  std::string kubernetes_version;
  std::string profile;
  std::string output = "text";
};

Result<pf::StartRequest> build_request(Context& ctx, const PreflightOptions& options)
{
  pf::StartRequest request;
  std::vector<std::string> problems;
  std::vector<std::string> hints;
  if (!options.cpus.empty()) {
    int cpus = 0;
    const auto* end = options.cpus.data() + options.cpus.size();
    const auto [ptr, ec] = std::from_chars(options.cpus.data(), end, cpus);
    if (ec != std::errc() || ptr != end || cpus < k_min_cpus_flag || cpus > k_max_cpus_flag) {
      problems.push_back("invalid --cpus " + util::quoted(options.cpus) + ": expected a whole number of CPUs from " +
                         std::to_string(k_min_cpus_flag) + " to " + std::to_string(k_max_cpus_flag));
      hints.emplace_back("--cpus 2");
    } else {
      request.cpus = cpus;
    }
  }
  if (!options.memory.empty()) {
    auto mib = pf::parse_memory_size(options.memory);
    if (mib) {
      request.memory_mib = *mib;
    } else {
      problems.push_back(mib.error().message);
      hints.push_back(mib.error().hint);
    }
  }
  if (!options.driver.empty()) {
    request.driver = options.driver;
    request.driver_given = true;
    if (!pf::is_known_linux_driver(options.driver)) {
      problems.push_back("unknown --driver " + util::quoted(options.driver) +
                         ": minikube's Linux drivers are docker, podman, none, ssh, kvm2, qemu2, virtualbox, vmware");
      hints.emplace_back("--driver docker");
    }
  }
  if (options.kubernetes_version == "stable" || options.kubernetes_version == "latest") {
    request.kubernetes_channel = options.kubernetes_version;
  } else if (!options.kubernetes_version.empty()) {
    auto version = core::Version::parse(options.kubernetes_version);
    if (version) {
      request.kubernetes_version = *version;
    } else {
      problems.push_back("invalid --kubernetes-version " + util::quoted(options.kubernetes_version) +
                         ": expected a version like v1.20.2, or stable or latest");
      hints.emplace_back("--kubernetes-version v1.20.2");
    }
  }
  request.profile = options.profile;
  if (auto valid = core::minikube::check_profile_name(options.profile); !options.profile.empty() && !valid) {
    problems.push_back(valid.error().message);
    hints.emplace_back("-p dev");
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"), util::join(hints, "; "));
  }
  const bool mirror_asked = !options.mirror.mirror.empty() || !options.mirror.mirror_files.empty() ||
                            ctx.env.has("DEVK8S_MIRROR");
  if (mirror_asked) {
    DEVK8S_TRY(const auto map, choose_map(ctx, options.mirror));
    request.mirror = pf::MirrorChoice{map.name, map.minikube};
  }
  return request;
}

Result<ExitCode> run_preflight(Context& ctx, const PreflightOptions& options)
{
  DEVK8S_TRY(const auto request, build_request(ctx, options));
  ports::ProbeRequest probe;
  probe.minikube_home = pf::minikube_home_dir(ctx.env.get("MINIKUBE_HOME").value_or(""), ctx.env.get("HOME").value_or(""));
  probe.docker_host = ctx.env.get("DOCKER_HOST").value_or("");
  probe.docker_tls = ctx.env.has("DOCKER_TLS_VERIFY");
  probe.docker_cert_path = ctx.env.get("DOCKER_CERT_PATH").value_or(ctx.env.get("HOME").value_or("") + "/.docker");
  probe.check_docker = request.driver == "docker";
  const auto facts = ctx.adapters.host.probe(probe);
  const auto report = pf::run_preflight(facts, request);

  if (options.output == "json") {
    ctx.streams.out << json_text(preflight_to_json(report, &facts)) << '\n';
  } else if (options.output == "junit") {
    ctx.streams.out << preflight_to_junit(report);
  } else {
    render_preflight_text(ctx.streams.out, report, TextOptions{options.output == "wide", ctx.output_width()});
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

void add_preflight_command(CLI::App& root, Context& ctx, Action& action)
{
  auto options = std::make_shared<PreflightOptions>();
  CLI::App* cmd = root.add_subcommand("preflight", "Check what this host can run, and print the minikube command for it");
  cmd->footer("Examples:\n"
              "  devk8s preflight\n"
              "  devk8s preflight --cpus 1 --memory 1024mb --mirror cn --driver docker\n"
              "  devk8s preflight -o junit > preflight.xml\n"
              "The table fits $COLUMNS, else the terminal's width (long text wraps); piped, lines are whole.\n"
              "Exit codes: 0 every check ok, 1 a check failed, 2 usage error, 3 warnings only.\n"
              "Sizes: 2g, 2048mb, 1.5GiB, 1833mb (binary units, as minikube reads them; a bare number is MB).");
  cmd->add_option("--cpus", options->cpus,
                  "CPUs to give the cluster, " + std::to_string(k_min_cpus_flag) + " to " +
                      std::to_string(k_max_cpus_flag) + " (minikube default: 2)")
      ->type_name("N");
  cmd->add_option("--memory", options->memory, "Memory to give the cluster, e.g. 2g or 1833mb")->type_name("SIZE");
  cmd->add_option("--driver", options->driver, "minikube driver (default: docker)")->type_name("DRIVER");
  options->mirror.add_to(*cmd);
  cmd->add_option("--kubernetes-version", options->kubernetes_version, "Kubernetes version, e.g. v1.20.2, or stable or latest")->type_name("V");
  cmd->add_option("-p,--profile", options->profile, "minikube profile (cluster) name")->type_name("NAME");
  cmd->add_option("-o,--output", options->output, "Output format: text, wide (with the evidence), json, junit")
      ->check(CLI::IsMember({"text", "wide", "json", "junit"}));
  cmd->callback([&ctx, &action, options] { action = [&ctx, options] { return run_preflight(ctx, *options); }; });
}

} // namespace devk8s::cli
