// `devk8s mirror list|show|resolve`: the mirror maps and the resolver on their own.
// `mirror rewrite` is in cmd_mirror_rewrite.cpp.
#include "app/mirror_resolve.hpp"
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_check.hpp"
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
  app::MirrorOptions mirror;
  std::vector<std::string> references;
  std::string output = "text";
  bool verify = false;
  bool skip_upstream = false;
  RegistryOptions registry;
};

// The references as given, with "-" standing for those on standard input (whitespace-separated,
// as `kubectl apply -f -` reads its input), so a list can be piped in.
Result<std::vector<std::string>> references_from_args(Context& ctx, const std::vector<std::string>& args)
{
  std::vector<std::string> references;
  bool read_stdin = false;
  for (const auto& arg : args) {
    if (arg != "-") {
      references.push_back(arg);
      continue;
    }
    if (read_stdin) {
      continue; // standard input has been read to its end
    }
    read_stdin = true;
    const std::size_t before = references.size();
    std::string word;
    while (ctx.streams.in >> word) {
      references.push_back(word);
    }
    if (references.size() == before) {
      return util::failure("no image references on standard input (it is empty or closed)",
                           "pipe references in, one per line: kubectl get pods -A -o "
                           "jsonpath='{..image}' | devk8s mirror resolve - --mirror NAME");
    }
  }
  return references;
}

Result<ExitCode> run_resolve(Context& ctx, const ResolveOptions& options)
{
  // Every argument is checked before anything is printed, and every bad one is reported.
  // Standard input can be read once: for the references or for the secret, not both.
  if (options.registry.settings.creds_file == "-" &&
      std::find(options.references.begin(), options.references.end(), "-") != options.references.end()) {
    return util::usage_error("'-' (references from standard input) and --creds-file - both read standard input",
                             "put the credentials in a file: --creds-file FILE");
  }
  DEVK8S_TRY(const auto texts, references_from_args(ctx, options.references));
  DEVK8S_TRY(const std::vector<core::image::ImageRef> refs, core::image::ImageRef::parse_all(texts));
  // Registry flags without --verify would change nothing: refused, so nobody believes a
  // --timeout or --creds was used. Their values are still checked, all problems at once.
  std::vector<std::string> registry_flags = options.registry.given();
  if (options.skip_upstream) {
    registry_flags.insert(registry_flags.begin(), "--skip-upstream");
  }
  if (!options.verify && !registry_flags.empty()) {
    std::vector<std::string> problems = app::time_problems(options.registry.settings);
    problems.push_back(util::join(registry_flags, ", ") + (registry_flags.size() == 1 ? " only applies" : " only apply") +
                       " with --verify");
    return util::usage_error(util::join(problems, "\n"), "add --verify to ask the registries, or drop " +
                                                            util::join(registry_flags, ", "));
  }
  app::ResolveOptions resolve{refs, with_mirror_environment(options.mirror, ctx.env), {}, !options.skip_upstream};
  if (options.verify) {
    DEVK8S_TRY(auto resolved, options.registry.resolve(ctx));
    resolve.verify = std::move(resolved);
  }
  TextReporter reporter = ctx.reporter();
  DEVK8S_TRY(const auto result, unless_interrupted(app::resolve_images(ctx.adapters, std::move(resolve), reporter)));
  const auto& [map, resolutions, verified, unverified] = result;
  const auto chosen = [&result](std::size_t i) -> const core::image::ImageRef& { return result.chosen(i); };
  if (options.output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t i = 0; i < resolutions.size(); ++i) {
      j.push_back(resolution_to_json(resolutions[i], map));
      if (!verified.empty()) {
        j.back()["resolved"] = chosen(i).str();
        j.back()["verification"] = verified_to_json(resolutions[i], verified[i]);
      }
    }
    ctx.streams.out << json_text(j) << '\n';
  } else if (options.output == "wide") {
    std::vector<std::string> headers = {"ORIGINAL", "RESOLVED", "STATUS", "RULE"};
    if (!verified.empty()) {
      headers.push_back("VERIFIED");
    }
    Table table(headers);
    for (std::size_t i = 0; i < resolutions.size(); ++i) {
      const auto& r = resolutions[i];
      std::vector<std::string> row = {r.original.str(), chosen(i).str(), std::string(core::image::to_string(r.kind)),
                                      r.candidates.empty() ? "-" : map.describe_rule(r.candidates.front().rule_index)};
      if (!verified.empty()) {
        const auto& v = verified[i].verification;
        row.push_back(v.chosen ? "found" : "no");
      }
      table.add(row);
    }
    table.print(ctx.streams.out);
  } else {
    for (std::size_t i = 0; i < resolutions.size(); ++i) {
      ctx.streams.out << chosen(i).str() << '\n';
    }
  }
  if (unverified) {
    return *unverified;
  }
  return ExitCode::ok;
}

Result<ExitCode> run_list(Context& ctx, const app::MirrorOptions& mirror, const std::string& output)
{
  DEVK8S_TRY(const auto catalog, load_catalog(ctx.adapters.fs, with_mirror_environment(mirror, ctx.env)));
  // One order for text and JSON: by name.
  auto maps = catalog.maps();
  std::sort(maps.begin(), maps.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  if (output == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& map : maps) {
      j.push_back({{"name", map.name}, {"description", map.description}, {"origin", map.origin},
                   {"rules", map.rules.size()}});
    }
    ctx.streams.out << json_text(j) << '\n';
    return ExitCode::ok;
  }
  Table table({"NAME", "RULES", "ORIGIN", "DESCRIPTION"});
  for (const auto& map : maps) {
    table.add({map.name, std::to_string(map.rules.size()), map.origin, map.description});
  }
  table.print(ctx.streams.out);
  return ExitCode::ok;
}

Result<ExitCode> run_show(Context& ctx, app::MirrorOptions mirror, const std::string& name, const std::string& output)
{
  mirror.mirror = name;
  DEVK8S_TRY(const auto map, choose_map(ctx.adapters.fs, with_mirror_environment(mirror, ctx.env)));
  if (output == "json") {
    nlohmann::json rules = nlohmann::json::array();
    for (std::size_t i = 0; i < map.rules.size(); ++i) {
      rules.push_back(rule_to_json(map, i));
    }
    nlohmann::json j = {{"name", map.name}, {"description", map.description}, {"origin", map.origin},
                        {"minikube", {{"imageMirrorCountry", map.minikube.image_mirror_country},
                                      {"imageRepository", map.minikube.image_repository}}},
                        {"rules", rules}};
    ctx.streams.out << json_text(j) << '\n';
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
              "  devk8s mirror resolve gcr.io/k8s-minikube/storage-provisioner:v5 --mirror cn --verify\n"
              "  kubectl get pods -A -o jsonpath='{..image}' | devk8s mirror resolve - --mirror cn\n"
              "A path minikube mirrored naively (<mirror>/k8s-minikube/...) is recognised and repaired.\n"
              "With --verify: exit 1 when no candidate of some reference exists (its first candidate is printed).");
  cmd->add_option("REF", resolve->references, "Image references; - reads them from stdin (whitespace-separated)")
      ->required();
  add_mirror_flags(*cmd, resolve->mirror);
  cmd->add_option("-o,--output", resolve->output, "Output format: text (one per line), wide, json")
      ->check(CLI::IsMember({"text", "wide", "json"}));
  cmd->add_flag("--verify", resolve->verify,
                "Ask the registries: print the first candidate that exists, warn when its digest differs from upstream's");
  cmd->add_flag("--skip-upstream", resolve->skip_upstream,
                "With --verify: do not ask the upstream registry (it is unreachable behind the firewall anyway)");
  resolve->registry.add_to(*cmd);
  cmd->callback([&ctx, &action, resolve] { action = [&ctx, resolve] { return run_resolve(ctx, *resolve); }; });

  auto list_mirror = std::make_shared<app::MirrorOptions>();
  auto list_output = std::make_shared<std::string>("text");
  CLI::App* list = mirror->add_subcommand("list", "List the mirror maps: built in, in ~/.config/devk8s/mirrors, and --mirror-file");
  list->add_option("--mirror-file", list_mirror->mirror_files, "Also load a mirror map from FILE")->type_name("FILE");
  list->add_option("-o,--output", *list_output, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  list->callback([&ctx, &action, list_mirror, list_output] {
    action = [&ctx, list_mirror, list_output] { return run_list(ctx, *list_mirror, *list_output); };
  });

  auto show_mirror = std::make_shared<app::MirrorOptions>();
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
