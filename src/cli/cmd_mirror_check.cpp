// `devk8s mirror check`: asks the registries whether each reference's manifest exists, all
// at once, and prints reference → outcome → digest (or the registry's own error text).
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_check.hpp"
#include "cli/table.hpp"
#include "core/image/mirror_resolver.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <set>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct CheckOptions {
  MirrorOptions mirror;
  RegistryOptions registry;
  std::vector<std::string> references;
  std::string output = "text";
};

Result<ExitCode> run_check(Context& ctx, const CheckOptions& options)
{
  DEVK8S_TRY(const std::vector<core::image::ImageRef> originals, core::image::ImageRef::parse_all(options.references));
  DEVK8S_TRY(auto check_options, options.registry.resolve(ctx));
  // With a map (--mirror, --mirror-file or DEVK8S_MIRROR, as for resolve) the references are
  // checked where the map sends them.
  std::vector<core::image::ImageRef> refs = originals;
  const bool with_mirror = map_requested(ctx.env, options.mirror);
  if (with_mirror) {
    DEVK8S_TRY(const auto map, choose_map(ctx, options.mirror));
    for (auto& ref : refs) {
      ref = core::image::resolve(ref, map).chosen();
    }
  }
  // A credential without a host goes to these registries only: the references named, and
  // where the map sends them.
  for (std::size_t i = 0; i < refs.size(); ++i) {
    check_options.general_creds_registries.insert(originals[i].domain());
    check_options.general_creds_registries.insert(refs[i].domain());
  }
  const auto outcomes = ctx.adapters.registry.check_manifests(refs, check_options);

  std::size_t failed = 0;
  std::set<core::registry::OutcomeKind> kinds;
  for (const auto& o : outcomes) {
    if (!o.ok()) {
      ++failed;
      kinds.insert(o.kind);
    }
  }
  if (options.output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t i = 0; i < refs.size(); ++i) {
      nlohmann::json entry = {{"reference", refs[i].str()}};
      if (with_mirror) {
        entry["original"] = originals[i].str();
      }
      entry.update(outcome_to_json(outcomes[i]));
      j.push_back(entry);
    }
    ctx.streams.out << json_text(j) << '\n';
  } else {
    Table table({"REFERENCE", "RESULT", "DIGEST / ERROR"});
    for (std::size_t i = 0; i < refs.size(); ++i) {
      table.add({refs[i].str(), std::string(core::registry::to_string(outcomes[i].kind)), outcome_detail(outcomes[i])});
    }
    table.print(ctx.streams.out);
  }
  if (ctx.global.verbosity > 0 && !outcomes.empty()) {
    int requests = 0;
    for (const auto& o : outcomes) {
      requests += o.attempts;
    }
    ctx.streams.err << "devk8s: checked " << refs.size() << " references (" << requests << " attempts) in "
                    << outcomes.front().elapsed.count() << " ms\n";
    print_credentials_sent(ctx.streams.err, outcomes);
  }
  if (failed == 0) {
    return ExitCode::ok;
  }
  ctx.streams.err << "devk8s: " << failed << " of " << refs.size() << " references cannot be pulled\n";
  for (const auto kind : kinds) {
    ctx.streams.err << "hint: " << core::registry::to_string(kind) << ": " << outcome_hint(kind, {false, with_mirror})
                    << '\n';
  }
  return ExitCode::failure;
}

} // namespace

void add_mirror_check_command(CLI::App& mirror, Context& ctx, Action& action)
{
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = mirror.add_subcommand("check", "Ask the registries whether each image exists (manifest HEAD)");
  cmd->footer("With a mirror map (--mirror, --mirror-file or $DEVK8S_MIRROR) each image is checked where the map\n"
              "sends it; without one, exactly as given.\n"
              "Outcomes: found, not-found, denied, unreachable, rate-limited, bad-answer.\n"
              "Exit 0 when every image is found, 1 otherwise, 2 for a usage error.\n"
              "Examples:\n"
              "  devk8s mirror check registry.cn-hangzhou.aliyuncs.com/google_containers/storage-provisioner:v5\n"
              "  devk8s mirror check gcr.io/k8s-minikube/storage-provisioner:v5 --mirror cn -o json\n"
              "  devk8s mirror check 127.0.0.1:5000/app:dev --insecure-registry 127.0.0.1:5000");
  cmd->add_option("REF", options->references, "Image references")->required();
  options->mirror.add_to(*cmd);
  options->registry.add_to(*cmd);
  cmd->add_option("-o,--output", options->output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &action, options] { action = [&ctx, options] { return run_check(ctx, *options); }; });
}

} // namespace devk8s::cli
