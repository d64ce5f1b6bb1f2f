// `devk8s retag ADDON... | --image WANTED [--from SOURCE]`: put the image a pod cannot pull on
// the profile's nodes under the name it asks for, re-create the addon, and prove it Ready.
// Exit codes: 0 repaired (or healthy already), 1 failure, 2 usage (incl. no --yes off a
// terminal), 130 interrupted.
#include "adapters/minikube/minikube_client.hpp"
#include "app/executor_choice.hpp"
#include "app/retag.hpp"
#include "cli/commands.hpp"
#include "cli/duration_flag.hpp"
#include "cli/confirm.hpp"
#include "cli/json_text.hpp"
#include "cli/kube_options.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;
namespace retag = core::retag;

struct RetagFlags {
  app::RetagOptions options;
  RegistryOptions registry;
  std::string timeout = "5m";
  bool dry_run = false;
  bool yes = false;
  std::string output = "text";
};

std::string short_digest(const std::string& digest)
{
  return digest.size() > 19 ? digest.substr(0, 19) + "…" : digest;
}

std::string pod_words(const std::vector<retag::PodState>& pods)
{
  std::vector<std::string> words;
  for (const auto& pod : pods) {
    words.push_back(pod.namespace_name + "/" + pod.name + " " + pod.status);
  }
  return words.empty() ? std::string("no pods") : util::join(words, ", ");
}

void render_analysis(std::ostream& out, const app::RetagAnalysis& a)
{
  out << "profile " << a.profile << ": minikube " << a.minikube.str() << ", "
      << core::minikube::to_string(a.runtime) << ", " << a.nodes.size() << (a.nodes.size() == 1 ? " node" : " nodes")
      << (a.map.empty() ? std::string() : ", mirror map " + a.map) << "\n";
  for (const auto& addon : a.addons) {
    out << addon.addon << ": " << (addon.healthy ? "healthy, " : "") << pod_words(addon.pods) << "\n";
  }
  for (const auto& image : a.images) {
    out << (image.addon.empty() ? std::string("--image") : image.addon) << ":\n";
    out << "  wanted  " << image.wanted
        << (image.reason.empty() ? std::string() : "  (" + image.reason + ": " + util::join(image.pods, ", ") + ")")
        << "\n";
    out << "  source  " << image.repair.source.str()
        << (image.digest.empty() ? std::string() : "  " + short_digest(image.digest)) << "\n";
    if (!image.rule.empty()) {
      out << "  rule    " << image.rule << "\n";
    }
    out << "  how     " << retag::to_string(image.repair.method) << "\n";
    for (const auto& warning : image.warnings) {
      out << "  note    " << warning << "\n";
    }
  }
}

void render_outcome(std::ostream& out, const app::RetagAnalysis& a, const app::RetagOutcome& o)
{
  for (const auto& addon : o.addons) {
    out << addon.addon << ": " << (addon.healthy ? "Ready, " : "not Ready, ") << pod_words(addon.pods) << "\n";
  }
  if (!a.image_spellings.empty()) {
    out << "--image: " << (o.still_failing.empty() ? "no pod fails to pull it now" : "still failing: " +
                                                                                          pod_words(o.still_failing))
        << "\n";
  }
  for (std::size_t i = 0; i < o.dependents.size() && i < a.dependents.size(); ++i) {
    const auto& before = a.dependents[i];
    const auto& after = o.dependents[i];
    out << "  " << before.kind << " " << before.namespace_name << "/" << before.name << ": " << before.state << " → "
        << after.state << "\n";
  }
}

nlohmann::json pods_json(const std::vector<retag::PodState>& pods)
{
  auto list = nlohmann::json::array();
  for (const auto& pod : pods) {
    list.push_back({{"namespace", pod.namespace_name}, {"name", pod.name}, {"status", pod.status}, {"ready", pod.ready}});
  }
  return list;
}

nlohmann::json addons_json(const std::vector<retag::AddonState>& addons)
{
  auto list = nlohmann::json::array();
  for (const auto& addon : addons) {
    list.push_back({{"name", addon.addon}, {"healthy", addon.healthy}, {"pods", pods_json(addon.pods)}});
  }
  return list;
}

nlohmann::json analysis_json(const app::RetagAnalysis& a)
{
  nlohmann::json doc = {{"profile", a.profile},
                        {"minikubeVersion", a.minikube.str()},
                        {"containerRuntime", core::minikube::to_string(a.runtime)},
                        {"nodes", a.nodes},
                        {"mirrorMap", a.map},
                        {"server", a.server},
                        {"addons", addons_json(a.addons)}};
  auto images = nlohmann::json::array();
  for (const auto& i : a.images) {
    images.push_back({{"addon", i.addon},
                      {"wanted", i.wanted},
                      {"pods", i.pods},
                      {"reason", i.reason},
                      {"message", i.message},
                      {"source", i.repair.source.str()},
                      {"digest", i.digest},
                      {"key", i.repair.key},
                      {"method", retag::to_string(i.repair.method)},
                      {"rule", i.rule},
                      {"warnings", i.warnings}});
  }
  doc["images"] = images;
  return doc;
}

nlohmann::json dependents_json(const std::vector<retag::Dependent>& before, const std::vector<retag::Dependent>* after)
{
  auto list = nlohmann::json::array();
  for (std::size_t i = 0; i < before.size(); ++i) {
    nlohmann::json d = {{"kind", before[i].kind},
                        {"namespace", before[i].namespace_name},
                        {"name", before[i].name},
                        {"before", before[i].state}};
    if (after != nullptr && i < after->size()) {
      d["after"] = (*after)[i].state;
    }
    list.push_back(d);
  }
  return list;
}

Result<ExitCode> run_retag(Context& ctx, RetagFlags& flags)
{
  auto options = flags.options;
  DEVK8S_TRY(options.timeout, wait_duration("--timeout", flags.timeout, "5m"));
  options.mirror = with_mirror_environment(options.mirror, ctx.env);
  options.kube = with_kube_environment(options.kube, ctx);
  options.search_path = ctx.env.get("PATH").value_or("");
  if (const auto tmp = ctx.env.get("TMPDIR"); tmp && !tmp->empty()) {
    options.scratch_dir = *tmp;
  }
  DEVK8S_TRY(options.registry, flags.registry.resolve(ctx));
  const bool json = flags.output == "json";
  TextReporter reporter = ctx.reporter();

  adapters::MinikubeClient minikube(ctx.adapters.runner);
  std::unique_ptr<ports::KubeApi> kube;
  const app::KubeConnect connect = [&](const std::string&) -> Result<ports::KubeApi*> {
    DEVK8S_TRY(kube, app::connect_profile(ctx.adapters, options.kube, options.profile));
    return kube.get();
  };
  DEVK8S_TRY(const auto analysis,
             unless_interrupted(app::analyze_retag(ctx.adapters, minikube, connect, options, reporter)));

  auto doc = analysis_json(analysis);
  if (!json) {
    render_analysis(ctx.streams.out, analysis);
  }
  if (analysis.plan.steps.empty()) {
    if (json) {
      doc["dependents"] = dependents_json(analysis.dependents, nullptr);
      doc["plan"] = core::plan::to_json(analysis.plan);
      doc["changed"] = false;
      ctx.streams.out << json_text(doc) << "\n";
    } else {
      ctx.streams.out << "nothing to do\n";
    }
    return ExitCode::ok;
  }
  if (!flags.dry_run && !flags.yes) {
    if (auto ok = confirm_plan(ctx, analysis.plan, "retag"); !ok) {
      return ok.error();
    }
  }
  std::ostringstream plan_json;
  std::ostream& plan_out = json ? static_cast<std::ostream&>(plan_json) : ctx.streams.out;
  const auto format = json ? exec::PlanFormat::json : exec::PlanFormat::text;
  const auto executor = app::make_executor(ctx.adapters, {flags.dry_run, format, true, {}},
                                           {plan_out, ctx.streams.err, ctx.streams.err_is_tty, reporter}, kube.get());
  if (flags.dry_run) {
    if (auto shown = executor->execute(analysis.plan); !shown) {
      return shown.error();
    }
    if (json) {
      doc["dependents"] = dependents_json(analysis.dependents, nullptr);
      doc["plan"] = nlohmann::json::parse(plan_json.str());
      doc["changed"] = false;
      ctx.streams.out << json_text(doc) << "\n";
    }
    return ExitCode::ok;
  }
  DEVK8S_TRY(const auto outcome, app::apply_retag(*kube, analysis, *executor));
  if (json) {
    doc["dependents"] = dependents_json(analysis.dependents, &outcome.dependents);
    doc["plan"] = core::plan::to_json(analysis.plan);
    doc["changed"] = true;
    doc["after"] = {{"addons", addons_json(outcome.addons)}, {"stillFailing", pods_json(outcome.still_failing)}};
    ctx.streams.out << json_text(doc) << "\n";
  } else {
    render_outcome(ctx.streams.out, analysis, outcome);
  }
  const bool all_ready = std::all_of(outcome.addons.begin(), outcome.addons.end(),
                                     [](const retag::AddonState& a) { return a.healthy; });
  return all_ready && outcome.still_failing.empty() ? ExitCode::ok : ExitCode::failure;
}

} // namespace

void add_retag_command(CLI::App& root, Context& ctx, Action& action)
{
  auto flags = std::make_shared<RetagFlags>();
  auto& o = flags->options;
  CLI::App* cmd = root.add_subcommand(
      "retag", "Give a minikube node the image an addon (or any pod) cannot pull, and prove the addon Ready");
  cmd->footer(
      "Finds the image each of the addon's pods fails on, its real location (the mirror map's repair of a naive\n"
      "mirror path, confirmed on the registry), pulls it inside every node and tags it with the wanted name\n"
      "(or, pinned by digest, re-enables the addon with --images/--registries), re-creates the addon's pods and\n"
      "waits until they are Ready and the claims of its provisioner Bound. Healthy addons are left alone.\n"
      "The mirror map: --mirror/--mirror-file/DEVK8S_MIRROR, else the one whose image repository the profile uses.\n"
      "Examples:\n"
      "  devk8s retag storage-provisioner --dry-run\n"
      "  devk8s retag storage-provisioner dashboard --yes\n"
      "  devk8s retag --image registry.example/app:1.2 --from mirror.example/app:1.2 --via-host\n"
      "Exit codes: 0 repaired or already healthy, 1 failure (nothing half-done is reported as done),\n"
      "2 usage (including no --yes where nobody can be asked), 130 interrupted.");
  cmd->add_option("ADDON", o.addons, "Addons to repair: storage-provisioner, dashboard, metrics-server, ingress, "
                                      "ingress-dns, registry");
  cmd->add_option("--image", o.image, "Repair this image, for every pod that cannot pull it")->type_name("WANTED");
  cmd->add_option("--from", o.from, "With --image: where the image really is (default: the mirror map's answer)")
      ->type_name("SOURCE");
  cmd->add_option("-p,--profile", o.profile, "minikube profile (default: minikube)")->type_name("NAME");
  add_mirror_flags(*cmd, o.mirror);
  add_kube_flags(*cmd, o.kube);
  flags->registry.add_to(*cmd, false);
  cmd->add_flag("--via-host", o.via_host,
                "Pull on this host (skopeo, else docker) and load into the nodes: for nodes that reach no registry");
  cmd->add_flag("--skip-upstream", [&o](std::int64_t) { o.ask_upstream = false; },
                "Do not ask the upstream registry for its digest (gcr.io and docker.io often time out behind a firewall)");
  cmd->add_option("--timeout", flags->timeout, "How long each wait may take (default 5m)")->type_name("DURATION");
  cmd->add_flag("--dry-run", flags->dry_run, "Print the plan (every command, on every node) and change nothing");
  cmd->add_flag("-y,--yes", flags->yes, "Apply without asking");
  cmd->add_option("-o,--output", flags->output, "Output: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &action, flags] { action = [&ctx, flags] { return run_retag(ctx, *flags); }; });
}

} // namespace devk8s::cli
