// `devk8s mirror check`: asks the registries whether each reference's manifest exists, all
// at once, and prints reference → outcome → digest (or the registry's own error text).
#include "app/mirror_check.hpp"
#include "app/registry_words.hpp"
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_check.hpp"
#include "cli/table.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct CheckFlags {
  app::MirrorOptions mirror;
  RegistryOptions registry;
  std::vector<std::string> references;
  std::string output = "text";
};

Result<ExitCode> run_check(Context& ctx, const CheckFlags& options)
{
  DEVK8S_TRY(const std::vector<core::image::ImageRef> refs, core::image::ImageRef::parse_all(options.references));
  DEVK8S_TRY(auto registry, options.registry.resolve(ctx));
  TextReporter reporter = ctx.reporter();
  app::CheckOptions request{refs, with_mirror_environment(options.mirror, ctx.env), std::move(registry)};
  DEVK8S_TRY(const auto result, unless_interrupted(app::check_images(ctx.adapters, std::move(request), reporter)));
  const auto& [with_mirror, originals, checked, outcomes, failed, kinds] = result;
  if (options.output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t i = 0; i < checked.size(); ++i) {
      nlohmann::json entry = {{"reference", checked[i].str()}};
      if (with_mirror) {
        entry["original"] = originals[i].str();
      }
      entry.update(outcome_to_json(outcomes[i]));
      j.push_back(entry);
    }
    ctx.streams.out << json_text(j) << '\n';
  } else {
    Table table({"REFERENCE", "RESULT", "DIGEST / ERROR"});
    for (std::size_t i = 0; i < checked.size(); ++i) {
      table.add({checked[i].str(), std::string(core::registry::to_string(outcomes[i].kind)),
                 app::outcome_detail(outcomes[i])});
    }
    table.print(ctx.streams.out);
  }
  if (failed == 0) {
    return ExitCode::ok;
  }
  ctx.streams.err << "devk8s: " << failed << " of " << checked.size() << " references cannot be pulled\n";
  for (const auto kind : kinds) {
    ctx.streams.err << "hint: " << core::registry::to_string(kind) << ": "
                    << app::outcome_hint(kind, {false, with_mirror}) << '\n';
  }
  return ExitCode::failure;
}

} // namespace

void add_mirror_check_command(CLI::App& mirror, Context& ctx, Action& action)
{
  auto options = std::make_shared<CheckFlags>();
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
  add_mirror_flags(*cmd, options->mirror);
  options->registry.add_to(*cmd);
  cmd->add_option("-o,--output", options->output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &action, options] { action = [&ctx, options] { return run_check(ctx, *options); }; });
}

} // namespace devk8s::cli
