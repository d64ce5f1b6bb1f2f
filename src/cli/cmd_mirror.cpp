// `devk8s mirror list|show|resolve`: the mirror maps and the resolver on their own.
// `mirror rewrite` is in cmd_mirror_rewrite.cpp.
#include "cli/commands.hpp"
#include "cli/mirror_options.hpp"
#include "cli/render_resolution.hpp"
#include "cli/table.hpp"
#include "core/image/mirror_resolver.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct ResolveOptions {
  MirrorOptions mirror;
  std::vector<std::string> references;
  std::string output = "text";
};

Result<ExitCode> run_resolve(Context& ctx, const ResolveOptions& options)
{
  // Every argument is checked before anything is printed, and every bad one is reported.
  std::vector<core::image::ImageRef> refs;
  std::vector<std::string> problems;
  for (const auto& text : options.references) {
    auto ref = core::image::ImageRef::parse(text);
    if (ref) {
      refs.push_back(*ref);
    } else {
      problems.push_back("invalid image reference " + ref.error().message);
    }
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"),
                             "a reference looks like [registry/]repository[:tag][@sha256:digest]");
  }
  DEVK8S_TRY(const auto map, choose_map(ctx, options.mirror));

  std::vector<core::image::Resolution> resolutions;
  for (const auto& ref : refs) {
    resolutions.push_back(core::image::resolve(ref, map));
  }
  if (options.output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : resolutions) {
      j.push_back(resolution_to_json(r, map));
    }
    ctx.streams.out << j.dump(2) << '\n';
  } else if (options.output == "wide") {
    Table table({"ORIGINAL", "RESOLVED", "STATUS", "RULE"});
    for (const auto& r : resolutions) {
      table.add({r.original.str(), r.chosen().str(), std::string(core::image::to_string(r.kind)),
                 r.candidates.empty() ? "-" : map.describe_rule(r.candidates.front().rule_index)});
    }
    table.print(ctx.streams.out);
  } else {
    for (const auto& r : resolutions) {
      ctx.streams.out << r.chosen().str() << '\n';
      // Scripts read stdout; the why goes to stderr, always for a repair, else with -v.
      if (r.kind == core::image::ResolutionKind::repaired || ctx.global.verbosity > 0) {
        ctx.streams.err << "devk8s: " << explain(r, map) << '\n';
      }
      if (ctx.global.verbosity > 0) {
        for (std::size_t i = 1; i < r.candidates.size(); ++i) {
          ctx.streams.err << "devk8s:   fallback " << i << ": " << r.candidates[i].ref.str() << " by "
                          << map.describe_rule(r.candidates[i].rule_index) << '\n';
        }
      }
    }
  }
  return ExitCode::ok;
}

Result<ExitCode> run_list(Context& ctx, const MirrorOptions& mirror, const std::string& output)
{
  DEVK8S_TRY(const auto catalog, load_catalog(ctx, mirror));
  if (output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& map : catalog.maps()) {
      j.push_back({{"name", map.name}, {"description", map.description}, {"origin", map.origin},
                   {"rules", map.rules.size()}});
    }
    ctx.streams.out << j.dump(2) << '\n';
    return ExitCode::ok;
  }
  Table table({"NAME", "RULES", "ORIGIN", "DESCRIPTION"});
  auto maps = catalog.maps();
  std::sort(maps.begin(), maps.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& map : maps) {
    table.add({map.name, std::to_string(map.rules.size()), map.origin, map.description});
  }
  table.print(ctx.streams.out);
  return ExitCode::ok;
}

Result<ExitCode> run_show(Context& ctx, MirrorOptions mirror, const std::string& name, const std::string& output)
{
  mirror.mirror = name;
  DEVK8S_TRY(const auto map, choose_map(ctx, mirror));
  if (output == "json") {
    nlohmann::json rules = nlohmann::json::array();
    for (std::size_t i = 0; i < map.rules.size(); ++i) {
      rules.push_back(rule_to_json(map, i));
    }
    nlohmann::json j = {{"name", map.name}, {"description", map.description}, {"origin", map.origin},
                        {"minikube", {{"imageMirrorCountry", map.minikube.image_mirror_country},
                                      {"imageRepository", map.minikube.image_repository}}},
                        {"rules", rules}};
    ctx.streams.out << j.dump(2) << '\n';
    return ExitCode::ok;
  }
  ctx.streams.out << "Name:         " << map.name << "\nOrigin:       " << map.origin
                  << "\nDescription:  " << map.description << '\n';
  if (!map.minikube.image_repository.empty() || !map.minikube.image_mirror_country.empty()) {
    ctx.streams.out << "minikube:     --image-mirror-country=" << map.minikube.image_mirror_country
                    << " --image-repository=" << map.minikube.image_repository << '\n';
  }
  ctx.streams.out << '\n';
  Table table({"#", "KIND", "MATCH", "TO", "LINE", "NOTE"});
  for (std::size_t i = 0; i < map.rules.size(); ++i) {
    const auto& rule = map.rules[i];
    std::string match = rule.match;
    if (!rule.join.empty()) {
      match += " (join " + util::quoted(rule.join) + ")";
    }
    for (const auto& [from, to] : rule.tags) {
      match += " (tag " + from + "→" + to + ")";
    }
    table.add({std::to_string(i + 1), std::string(core::image::to_string(rule.kind)), match,
               util::join(rule.targets, ", "), std::to_string(rule.line), rule.note.empty() ? "-" : rule.note});
  }
  table.print(ctx.streams.out);
  return ExitCode::ok;
}

} // namespace

void add_mirror_command(CLI::App& root, Context& ctx, Action& action)
{
  CLI::App* mirror = root.add_subcommand("mirror", "Resolve image references through mirror maps, check and rewrite them");
  mirror->require_subcommand(0, 1);

  auto resolve = std::make_shared<ResolveOptions>();
  CLI::App* cmd = mirror->add_subcommand("resolve", "Print the mirror reference of each image");
  cmd->footer("Examples:\n"
              "  devk8s mirror resolve gcr.io/k8s-minikube/storage-provisioner:v5 --mirror cn\n"
              "  devk8s mirror resolve redis nginx:1.25 --mirror daocloud -o wide\n"
              "A path minikube mirrored naively (<mirror>/k8s-minikube/...) is recognised and repaired.");
  cmd->add_option("REF", resolve->references, "Image references")->required();
  resolve->mirror.add_to(*cmd);
  cmd->add_option("-o,--output", resolve->output, "Output format: text (one per line), wide, json")
      ->check(CLI::IsMember({"text", "wide", "json"}));
  cmd->callback([&ctx, &action, resolve] { action = [&ctx, resolve] { return run_resolve(ctx, *resolve); }; });

  auto list_mirror = std::make_shared<MirrorOptions>();
  auto list_output = std::make_shared<std::string>("text");
  CLI::App* list = mirror->add_subcommand("list", "List the mirror maps: built in, in ~/.config/devk8s/mirrors, and --mirror-file");
  list->add_option("--mirror-file", list_mirror->mirror_files, "Also load a mirror map from FILE")->type_name("FILE");
  list->add_option("-o,--output", *list_output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  list->callback([&ctx, &action, list_mirror, list_output] {
    action = [&ctx, list_mirror, list_output] { return run_list(ctx, *list_mirror, *list_output); };
  });

  auto show_mirror = std::make_shared<MirrorOptions>();
  auto show_name = std::make_shared<std::string>();
  auto show_output = std::make_shared<std::string>("text");
  CLI::App* show = mirror->add_subcommand("show", "Show a mirror map's rules in order");
  show->add_option("NAME", *show_name, "Mirror map name")->required();
  show->add_option("--mirror-file", show_mirror->mirror_files, "Also load a mirror map from FILE")->type_name("FILE");
  show->add_option("-o,--output", *show_output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  show->callback([&ctx, &action, show_mirror, show_name, show_output] {
    action = [&ctx, show_mirror, show_name, show_output] {
      return run_show(ctx, *show_mirror, *show_name, *show_output);
    };
  });

  add_mirror_rewrite_command(*mirror, ctx, action);
  add_mirror_check_command(*mirror, ctx, action);
}

} // namespace devk8s::cli
