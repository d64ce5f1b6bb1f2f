#include "app/start.hpp"

#include "app/doctor_fix.hpp"
#include "core/minikube/image_repository.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <charconv>

namespace devk8s::app {

namespace {

using Clock = std::chrono::steady_clock;

const std::string k_default_profile = "minikube";

std::chrono::milliseconds since(Clock::time_point start)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

bool interrupted(const util::Error& error)
{
  return error.code == util::ExitCode::interrupted;
}

/// Forwards everything, and keeps the lines minikube printed: its reason for failing is in them.
class KeepingMinikubeLines final : public ports::Reporter {
public:
  explicit KeepingMinikubeLines(ports::Reporter& inner) : m_inner(inner) {}
  void info(std::string_view line) override { m_inner.info(line); }
  void warning(std::string_view line) override { m_inner.warning(line); }
  void detail(std::string_view line) override { m_inner.detail(line); }
  void output(std::string_view source, std::string_view line) override
  {
    if (source == "minikube") {
      lines.emplace_back(line);
    }
    m_inner.output(source, line);
  }
  void status(std::string_view text) override { m_inner.status(text); }

  std::vector<std::string> lines;

private:
  ports::Reporter& m_inner;
};

/// The tools start needs that are not on PATH: those it may install.
std::vector<std::string> missing_tools(const core::preflight::HostFacts& facts)
{
  std::vector<std::string> out;
  for (const auto* tool : {&facts.minikube, &facts.kubectl}) {
    if (tool->state == core::preflight::ToolState::missing) {
      out.push_back(tool->name);
    }
  }
  return out;
}

/// The tools that are there but do not answer (timed out, failed): a second copy installed
/// beside them would shadow them or be shadowed, so they stop start with what went wrong.
std::vector<std::string> unusable_tools(const core::preflight::HostFacts& facts)
{
  std::vector<std::string> out;
  for (const auto* tool : {&facts.minikube, &facts.kubectl}) {
    if (tool->state == core::preflight::ToolState::timed_out || tool->state == core::preflight::ToolState::failed) {
      out.push_back(tool->name + " is there but " + tool->command + " " + core::preflight::to_string(tool->state) +
                    (tool->detail.empty() ? "" : ": " + tool->detail));
    }
  }
  return out;
}

const core::minikube::Profile* find_profile(const core::minikube::ProfileList& list, const std::string& name)
{
  const auto it = std::find_if(list.valid.begin(), list.valid.end(),
                               [&](const core::minikube::Profile& p) { return p.name == name; });
  return it == list.valid.end() ? nullptr : &*it;
}

/// The image plan's request from the argv minikube will get (and, for a profile that exists,
/// what it was created with: minikube keeps its Kubernetes version and runtime).
util::Result<core::minikube::PlanRequest> plan_request(const StartPlan& plan, const core::preflight::StartRequest& request,
                                                       const core::minikube::Profile* existing,
                                                       const std::vector<std::string>& addons)
{
  using core::start::flag_value;
  core::minikube::PlanRequest r;
  r.minikube = *plan.minikube;
  // A --kubernetes-version after `--` reaches minikube last and wins there: it wins here too.
  std::optional<core::Version> given = request.kubernetes_version;
  if (const auto after = flag_value(plan.argv, "--kubernetes-version"); after && *after != "stable" && *after != "latest") {
    auto parsed = core::Version::parse(*after);
    if (!parsed) {
      return util::usage_error("invalid --kubernetes-version " + util::quoted(*after) + " after --",
                               "--kubernetes-version v1.20.2");
    }
    given = *parsed;
  }
  if (given) {
    r.kubernetes = *given;
  } else if (existing != nullptr) {
    r.kubernetes = existing->kubernetes_version;
  } else if (const auto planned = core::preflight::planned_kubernetes_version(plan.preflight.facts, request)) {
    r.kubernetes = *planned;
  } else {
    return util::failure("devk8s does not know which Kubernetes version minikube " + plan.minikube->str() +
                             " installs by default",
                         "pass --kubernetes-version (e.g. v1.20.2) so its images can be checked");
  }
  if (const auto runtime = flag_value(plan.argv, "--container-runtime")) {
    DEVK8S_TRY(r.runtime, core::minikube::parse_container_runtime(*runtime));
  } else if (existing != nullptr) {
    r.runtime = existing->container_runtime;
  }
  DEVK8S_TRY(r.repository, core::minikube::image_repository(flag_value(plan.argv, "--image-repository").value_or(""),
                                                            flag_value(plan.argv, "--image-mirror-country").value_or("")));
  // Every --addons minikube will read, devk8s's and any after `--`, comma-separated or repeated.
  std::vector<std::string> wanted = addons;
  for (const auto& value : core::start::flag_values(plan.argv, "--addons")) {
    for (const auto part : util::split(value, ',')) {
      wanted.emplace_back(util::trim(part));
    }
  }
  for (const auto& addon : wanted) {
    if (!addon.empty() && std::find(r.addons.begin(), r.addons.end(), addon) == r.addons.end()) {
      r.addons.push_back(addon);
    }
  }
  if (const auto nodes = flag_value(plan.argv, "--nodes")) {
    int n = 0;
    const auto [ptr, ec] = std::from_chars(nodes->data(), nodes->data() + nodes->size(), n);
    if (ec != std::errc() || ptr != nodes->data() + nodes->size() || n < 1) {
      return util::usage_error("--nodes " + util::quoted(*nodes) + " is not a number of nodes", "--nodes 2");
    }
    r.nodes = n;
  }
  return r;
}

} // namespace

std::string_view to_string(ProfileState state)
{
  switch (state) {
  case ProfileState::absent:
    return "absent";
  case ProfileState::stopped:
    return "stopped";
  case ProfileState::running:
    return "running";
  }
  return "absent";
}

std::vector<std::string> StartPlan::stops() const
{
  std::vector<std::string> out;
  for (const auto& f : blockers) {
    out.push_back(f.id + ": " + f.message);
  }
  out.insert(out.end(), unusable_tools.begin(), unusable_tools.end());
  for (const auto& tool : missing_tools) {
    out.push_back(tool + " is not installed");
  }
  if (images) {
    out.insert(out.end(), images->verdict.blockers.begin(), images->verdict.blockers.end());
  }
  return out;
}

bool StartOutcome::healthy() const
{
  if (failure || repair_error || verify_error || doctor_error || !doctor) {
    return false;
  }
  const auto& findings = doctor->findings;
  return doctor->unavailable.empty() &&
         std::none_of(findings.begin(), findings.end(), [](const core::finding::Finding& f) {
           return f.severity == core::finding::Severity::fail;
         });
}

util::Result<StartPlan> plan_start(const Ports& ports, ports::Minikube& minikube, const StartOptions& options,
                                   ports::Reporter& reporter)
{
  StartPlan plan;
  DEVK8S_TRY(const auto request, build_request(ports.fs, options.preflight));
  reporter.status("measuring this host");
  auto checked = check_host(ports, options.preflight);
  reporter.status("");
  if (!checked) {
    return checked.error();
  }
  plan.preflight = std::move(*checked);
  plan.blockers = core::start::preflight_blockers(plan.preflight.report.findings);
  plan.missing_tools = missing_tools(plan.preflight.facts);
  plan.unusable_tools = unusable_tools(plan.preflight.facts);
  for (const auto& flag : options.extra) {
    // pflag's forms: -p NAME, -p=NAME, -pNAME (a shorthand's value may follow it), --profile[=NAME].
    const bool shorthand = flag.rfind("-p", 0) == 0;
    if (shorthand || flag == "--profile" || flag.rfind("--profile=", 0) == 0) {
      return util::usage_error("the profile after -- would start a cluster devk8s does not verify",
                               "give it to devk8s: devk8s start -p NAME");
    }
  }
  plan.profile = options.preflight.profile.empty() ? k_default_profile : options.preflight.profile;
  plan.verify = core::start::verify_plan(options.verify);
  if (plan.preflight.facts.minikube.state != core::preflight::ToolState::found) {
    plan.images_skipped = std::string(plan.preflight.facts.minikube.state == core::preflight::ToolState::missing
                                          ? "minikube is not installed"
                                          : "minikube does not answer") +
                          ": its release decides the images";
    return plan;
  }
  plan.minikube = plan.preflight.facts.minikube.version;
  if (!plan.minikube) {
    DEVK8S_TRY(const auto info, minikube.version());
    plan.minikube = info.version;
  }

  // A profile that runs is verified and repaired, not started again; minikube's own answer.
  const core::minikube::Profile* existing = nullptr;
  auto profiles = minikube.profiles();
  if (profiles) {
    existing = find_profile(*profiles, plan.profile);
    if (existing != nullptr) {
      plan.profile_state = existing->status == "Running" ? ProfileState::running : ProfileState::stopped;
    }
  } else {
    reporter.detail("minikube profile list: " + profiles.error().message + " (taken as no profile)");
  }
  if (plan.profile_state == ProfileState::running) {
    // minikube start will not run: what the host lacks for it stops nothing (the report keeps it).
    plan.blockers.clear();
    plan.images_skipped = "the profile runs: the doctor checks the images its pods use";
    return plan;
  }

  plan.argv = core::start::start_argv(plan.preflight.report.command.argv(), options.addons, options.extra);
  core::plan::RunCommand run{plan.argv, options.start_timeout};
  run.stream_as = "minikube";
  plan.start = core::plan::Plan{"start the cluster", {{"minikube start, its output streamed", run, ""}}};

  auto image_request = plan_request(plan, request, existing, options.addons);
  if (!image_request) {
    if (image_request.error().code == util::ExitCode::usage) {
      return image_request.error();
    }
    plan.images_skipped = image_request.error().message + "; " + image_request.error().hint;
    return plan;
  }
  std::optional<core::image::MirrorMap> map;
  if (options.preflight.mirror.requested()) {
    DEVK8S_TRY(map, choose_map(ports.fs, options.preflight.mirror));
  }
  StartImagesRequest images{*image_request, map ? &*map : nullptr, options.registry};
  DEVK8S_TRY(plan.images, check_start_images(ports.registry, images, reporter));
  plan.repair_addons = core::start::addons_to_repair(plan.images->verdict);
  return plan;
}

util::Result<StartOutcome> run_start(const Ports& ports, ports::Minikube& minikube, const StartOptions& options,
                                     const StartPlan& plan, const ExecutorStreams& streams)
{
  StartOutcome out;
  ports::Reporter& reporter = streams.reporter;
  const exec::ExecutorChoice real{false, exec::PlanFormat::text, false, {}};

  if (!plan.start.steps.empty()) {
    const auto began = Clock::now();
    KeepingMinikubeLines keeping(reporter);
    const auto executor =
        make_executor(ports, real, ExecutorStreams{streams.plan_out, streams.progress, streams.tty, keeping});
    auto ran = executor->execute(plan.start);
    out.phases.push_back({"minikube start", since(began)});
    if (!ran) {
      if (interrupted(ran.error())) {
        return ran.error();
      }
      out.failure = core::minikube::classify_start_failure(ran.error().exit_status.value_or(-1), keeping.lines,
                                                           plan.profile);
      out.failure_error = ran.error();
      out.kept_settings = core::minikube::kept_settings(keeping.lines);
      return out;
    }
    out.started = true;
    out.kept_settings = core::minikube::kept_settings(keeping.lines);
  }

  auto kube = connect_profile(ports, options.kube, plan.profile);
  if (!kube) {
    out.verify_error = kube.error();
    return out;
  }
  const auto executor = make_executor(ports, real, streams, kube->get());

  RetagOptions retag = options.retag;
  retag.profile = options.preflight.profile;
  retag.mirror = options.preflight.mirror;
  retag.kube = options.kube;
  retag.registry = options.registry;
  const KubeConnect connect = [&kube](const std::string&) -> util::Result<ports::KubeApi*> { return kube->get(); };
  if (!plan.repair_addons.empty()) {
    const auto began = Clock::now();
    retag.addons = plan.repair_addons;
    auto analysis = analyze_retag(ports, minikube, connect, retag, reporter);
    if (analysis) {
      out.repair = *analysis;
      if (auto applied = apply_retag(**kube, *analysis, *executor); !applied) {
        out.repair_error = applied.error();
      }
    } else {
      out.repair_error = analysis.error();
    }
    out.phases.push_back({"repair", since(began)});
    if (out.repair_error && interrupted(*out.repair_error)) {
      return *out.repair_error;
    }
  } else if (plan.profile_state == ProfileState::running) {
    // Verify and repair only: what the doctor can fix on a running profile, fixed first.
    const auto began = Clock::now();
    auto before = diagnose(ports, &minikube, **kube, options.doctor, reporter);
    if (before && !before->problems.empty()) {
      auto fix = plan_doctor_fix(ports, minikube, **kube, *before, retag, reporter);
      if (fix && !fix->plan.steps.empty()) {
        // The summary lists every image the fix gives the nodes, whichever retag planned it.
        for (const auto& analysis : fix->retags) {
          if (!out.repair) {
            out.repair = analysis;
          } else {
            out.repair->images.insert(out.repair->images.end(), analysis.images.begin(), analysis.images.end());
          }
        }
        if (auto applied = executor->execute(fix->plan); !applied) {
          out.repair_error = applied.error();
        }
      } else if (!fix) {
        out.repair_error = fix.error();
      }
      out.phases.push_back({"repair", since(began)});
    } else if (!before) {
      if (interrupted(before.error())) {
        return before.error();
      }
      reporter.warning("the doctor could not read the cluster before repairing it: " + before.error().message);
    }
    if (out.repair_error && interrupted(*out.repair_error)) {
      return *out.repair_error;
    }
  }

  {
    const auto began = Clock::now();
    if (auto verified = executor->execute(plan.verify); !verified) {
      if (interrupted(verified.error())) {
        return verified.error();
      }
      out.verify_error = verified.error();
      // The claim may be left behind: remove it (a delete of a claim that is not there is done).
      if (auto cleaned = executor->execute(core::start::cleanup_plan(options.verify)); !cleaned) {
        reporter.warning("could not remove the storage check's claim: " + cleaned.error().message);
      }
    }
    out.phases.push_back({"verify", since(began)});
  }

  {
    const auto began = Clock::now();
    auto report = diagnose(ports, &minikube, **kube, options.doctor, reporter);
    out.phases.push_back({"doctor", since(began)});
    if (report) {
      out.doctor = std::move(*report);
    } else if (interrupted(report.error())) {
      return report.error();
    } else {
      out.doctor_error = report.error();
    }
  }
  return out;
}

} // namespace devk8s::app
