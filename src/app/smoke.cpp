#include "app/smoke.hpp"

#include "core/image/manifest_rewriter.hpp"
#include "core/smoke/describe.hpp"
#include "core/smoke/manifests.hpp"
#include "util/splice.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::app {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using core::smoke::CheckState;

milliseconds since(Clock::time_point start)
{
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

std::string seconds_text(milliseconds duration)
{
  return std::to_string(duration.count() / 1000) + " s";
}

// The live line: each check's state, the first thing a pending one waits for.
std::string status_line(const std::vector<SmokeCheckResult>& results,
                        const std::vector<core::smoke::CheckStatus>& statuses, milliseconds elapsed)
{
  std::string line = "smoke (" + seconds_text(elapsed) + "):";
  for (std::size_t i = 0; i < results.size(); ++i) {
    line += (i == 0 ? " " : " · ") + results[i].name + " " + core::smoke::to_string(results[i].state);
    if (results[i].state == CheckState::pending && i < statuses.size() && !statuses[i].message.empty()) {
      line += " (" + statuses[i].message + ")";
    }
  }
  return line;
}

bool all_decided(const std::vector<SmokeCheckResult>& results)
{
  return std::all_of(results.begin(), results.end(),
                     [](const SmokeCheckResult& r) { return r.state != CheckState::pending; });
}

// The namespace's events, for the report of a failed check (its objects' story).
std::vector<nlohmann::json> namespace_events(ports::KubeApi& kube, const std::string& ns)
{
  auto listed = kube.list("/api/v1/namespaces/" + ns + "/events");
  return listed ? std::move(listed->items) : std::vector<nlohmann::json>{};
}

} // namespace

bool SmokeOutcome::passed() const
{
  return !setup_error && !checks.empty() &&
         std::all_of(checks.begin(), checks.end(),
                     [](const SmokeCheckResult& c) { return c.state == CheckState::passed; }) &&
         !cleanup_error;
}

util::Result<SmokeSuitePlan> plan_smoke(const Ports& ports, const SmokeOptions& options)
{
  SmokeSuitePlan out;
  std::optional<core::image::MirrorMap> map;
  if (options.mirror.requested()) {
    DEVK8S_TRY(map, choose_map(ports.fs, options.mirror));
    out.map = map->name;
  }
  std::vector<core::smoke::ManifestText> manifests;
  for (const auto& file : core::smoke::smoke_manifest_files()) {
    std::string text(file.text);
    if (map) {
      DEVK8S_TRY(const auto rewrite, core::image::rewrite_manifest(text, *map));
      for (const auto& change : rewrite.changes) {
        const auto& r = change.resolution;
        out.images.push_back({std::string(file.origin), change.field.kind + "/" + change.field.name,
                              change.field.value, r.chosen().str(),
                              r.candidates.empty() ? std::string() : map->describe_rule(r.candidates.front().rule_index)});
      }
      text = util::apply_splices(text, rewrite.splices);
    }
    manifests.push_back({std::string(file.origin), std::move(text)});
  }
  DEVK8S_TRY(out.suite, core::smoke::build_suite(manifests, options.namespace_name));
  return out;
}

core::plan::Plan smoke_dry_run_plan(const SmokeSuitePlan& plan, const SmokeOptions& options)
{
  auto setup = core::smoke::setup_plan(plan.suite);
  if (!options.keep) {
    for (auto& step : core::smoke::cleanup_plan(plan.suite, options.cleanup_timeout).steps) {
      setup.steps.push_back(std::move(step));
    }
    setup.title = "smoke: create namespace " + plan.suite.namespace_name + ", check, then delete it";
  }
  return setup;
}

util::Result<SmokeOutcome> run_smoke(const Ports& ports, ports::Minikube* minikube, ports::KubeApi& kube,
                                     const SmokeOptions& options, const SmokeSuitePlan& plan,
                                     const ExecutorStreams& streams)
{
  const auto& suite = plan.suite;
  const util::CancelToken& cancel = options.cancel != nullptr ? *options.cancel : util::process_cancel_token();
  ports::Reporter& reporter = streams.reporter;
  const auto began = Clock::now();
  SmokeOutcome out;
  out.namespace_name = suite.namespace_name;
  out.server = kube.server();
  out.map = plan.map;
  out.images = plan.images;
  for (const auto& check : suite.checks) {
    out.checks.push_back({check.name, CheckState::pending, {}, milliseconds(0), check.objects, {}});
  }

  const auto executor = make_executor(ports, {false, exec::PlanFormat::text, false, {}}, streams, &kube);
  // A namespace left by an earlier run (--keep, or a cleanup that was interrupted) goes first:
  // smoke's objects are created, never patched, so a stale one could not pass for a new one. A
  // namespace of that name without smoke's label is someone else's, and is left alone.
  if (auto existing = kube.request("GET", "/api/v1/namespaces/" + suite.namespace_name);
      existing && existing->status == 200) {
    if (!core::smoke::is_smoke_namespace(existing->body)) {
      return util::failure("namespace " + suite.namespace_name + " exists and is not smoke's (it has no label " +
                               core::smoke::k_namespace_label + "=true)",
                           "smoke creates and deletes its own namespace: name another with -n NS");
    }
    reporter.info("namespace " + suite.namespace_name + " is left from an earlier run: deleting it first");
    if (auto cleaned = executor->execute(core::smoke::cleanup_plan(suite, options.cleanup_timeout)); !cleaned) {
      if (cleaned.error().code == util::ExitCode::interrupted) {
        return cleaned.error();
      }
      out.setup_error = cleaned.error();
    }
  }
  Clock::time_point created = Clock::now();
  if (!out.setup_error) {
    if (auto setup = executor->execute(core::smoke::setup_plan(suite)); !setup) {
      if (setup.error().code == util::ExitCode::interrupted) {
        return setup.error();
      }
      out.setup_error = setup.error();
    }
    created = Clock::now();
  }

  core::smoke::Observation observation;
  std::vector<core::smoke::CheckStatus> statuses(suite.checks.size());
  const auto paths = core::smoke::list_paths(suite);
  std::string last_error;
  while (!out.setup_error && !all_decided(out.checks)) {
    if (cancel.cancelled()) {
      reporter.status("");
      // Ctrl-C also cancels the HTTP client, so no delete can be sent from here.
      return util::interrupted("smoke stopped while checking; namespace " + suite.namespace_name +
                               " is left: devk8s smoke deletes it before its next run (or kubectl delete namespace " +
                               suite.namespace_name + ")");
    }
    // A slow list may not carry the run past --timeout.
    const auto left = options.timeout - since(created);
    const auto deadline = Clock::now() + std::clamp(left, milliseconds(1000), milliseconds(30000));
    auto outcomes = kube.list_all(paths, deadline);
    last_error.clear();
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (outcomes[i].list) {
        observation.lists[paths[i]] = std::move(outcomes[i].list->items);
      } else {
        last_error = outcomes[i].list.error().message;
      }
    }
    for (std::size_t i = 0; i < suite.checks.size(); ++i) {
      auto& result = out.checks[i];
      if (result.state != CheckState::pending) {
        continue;
      }
      auto status = core::smoke::evaluate_check(suite.checks[i], observation);
      // A log is read once, when the pod that prints it has completed.
      for (const auto& pod : status.logs_to_fetch) {
        auto log = kube.get_text(core::smoke::pods_path(suite.namespace_name) + "/" + pod + "/log");
        if (log) {
          observation.logs[pod] = std::move(*log);
        } else {
          last_error = log.error().message;
        }
      }
      if (!status.logs_to_fetch.empty()) {
        status = core::smoke::evaluate_check(suite.checks[i], observation);
      }
      if (status.state != CheckState::pending) {
        result.state = status.state;
        result.message = status.message;
        result.elapsed = since(created);
        result.logs = status.logs;
        if (status.state == CheckState::passed) {
          reporter.info("smoke: " + result.name + " passed (" + seconds_text(result.elapsed) + ")");
        } else {
          reporter.warning("smoke: " + result.name + " failed: " + result.message);
        }
      }
      statuses[i] = std::move(status);
    }
    const auto elapsed = since(created);
    if (all_decided(out.checks)) {
      break;
    }
    if (elapsed >= options.timeout) {
      for (std::size_t i = 0; i < out.checks.size(); ++i) {
        auto& result = out.checks[i];
        if (result.state == CheckState::pending) {
          result.state = CheckState::failed;
          result.message = core::smoke::timeout_message(statuses[i]);
          if (!last_error.empty()) {
            result.message += "; the last poll failed: " + last_error;
          }
          result.elapsed = elapsed;
          reporter.warning("smoke: " + result.name + " failed after " + seconds_text(elapsed) + ": " + result.message);
        }
      }
      break;
    }
    reporter.status(status_line(out.checks, statuses, elapsed) + (last_error.empty() ? "" : "; " + last_error));
    cancel.sleep_for(std::min(options.interval, options.timeout - elapsed));
  }
  reporter.status("");
  if (out.setup_error) {
    for (auto& result : out.checks) {
      result.state = CheckState::failed;
      result.message = "not run: the objects could not be created: " + out.setup_error->message;
    }
  }

  const bool failed = std::any_of(out.checks.begin(), out.checks.end(),
                                  [](const SmokeCheckResult& c) { return c.state == CheckState::failed; });
  if (failed) {
    // What the objects looked like is read before they are deleted.
    if (!out.setup_error) {
      out.objects_described =
          core::smoke::describe_objects(suite, observation, namespace_events(kube, suite.namespace_name));
    }
    reporter.info("smoke: a check failed: asking the doctor why");
    auto report = diagnose(ports, minikube, kube, options.doctor, reporter);
    if (report) {
      out.doctor = std::move(*report);
    } else if (report.error().code == util::ExitCode::interrupted) {
      return report.error();
    } else {
      out.doctor_error = report.error();
    }
    if (options.collect_minikube_logs) {
      if (minikube == nullptr) {
        out.minikube_logs_error = util::failure("minikube is not installed");
      } else if (auto logs = minikube->logs(options.profile, options.minikube_log_lines)) {
        // Its audit table holds earlier minikube command lines, which may carry a proxy's password.
        out.minikube_logs = util::redact_url_credentials(*logs);
      } else {
        out.minikube_logs_error = logs.error();
      }
    }
  }

  // Only a namespace this run made (or an earlier run's, deleted above) is smoke's to delete: when
  // setup failed before creating it, there is nothing of smoke's there.
  const bool created_namespace = !out.setup_error || [&] {
    auto now = kube.request("GET", "/api/v1/namespaces/" + suite.namespace_name);
    return now && now->status == 200 && core::smoke::is_smoke_namespace(now->body);
  }();
  if (!options.keep && created_namespace) {
    if (auto cleaned = executor->execute(core::smoke::cleanup_plan(suite, options.cleanup_timeout)); !cleaned) {
      if (cleaned.error().code == util::ExitCode::interrupted) {
        return cleaned.error();
      }
      out.cleanup_error = cleaned.error();
    } else {
      out.cleaned = true;
    }
  }
  out.elapsed = since(began);
  return out;
}

} // namespace devk8s::app
