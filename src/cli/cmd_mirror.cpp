// `devk8s mirror list|show|resolve`: the mirror maps and the resolver on their own.
// `mirror rewrite` is in cmd_mirror_rewrite.cpp.
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/registry_options.hpp"
#include "cli/render_check.hpp"
#include "cli/render_resolution.hpp"
#include "cli/verify_resolutions.hpp"
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
  bool verify = false;
  bool skip_upstream = false;
  RegistryOptions registry;
};

// Why no candidate of `r` can be used, naming each and what its registry said.
util::Error unverified_error(const core::image::Resolution& r, const VerifiedResolution& v)
{
  std::vector<std::string> parts;
  std::string hint;
  for (std::size_t i = 0; i < r.candidates.size() && i < v.candidates.size(); ++i) {
    parts.push_back(r.candidates[i].ref.str() + " " + std::string(core::registry::to_string(v.candidates[i].kind)) +
                    " (" + outcome_detail(v.candidates[i]) + ")");
    hint = hint.empty() ? outcome_hint(v.candidates[i].kind, {true, true}) : hint;
  }
  if (v.original) {
    parts.push_back(r.original.str() + " " + std::string(core::registry::to_string(v.original->kind)) + " (" +
                    outcome_detail(*v.original) + ")");
    hint = outcome_hint(v.original->kind, {true, true});
  }
  return util::failure("no candidate for " + util::quoted(r.original.str()) + " exists: " + util::join(parts, "; "), hint);
}

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

// Why each reference resolved as it did, on stderr whatever the output format: always for a
// repair (the name the user gave was wrong), else with -v.
void explain_to_stderr(Context& ctx, const core::image::Resolution& r, const core::image::MirrorMap& map)
{
  if (r.kind == core::image::ResolutionKind::repaired || ctx.global.verbosity > 0) {
    ctx.streams.err << "devk8s: " << explain(r, map) << '\n';
  }
  if (ctx.global.verbosity > 0) {
    for (std::size_t k = 1; k < r.candidates.size(); ++k) {
      ctx.streams.err << "devk8s:   fallback " << k << ": " << r.candidates[k].ref.str() << " by "
                      << map.describe_rule(r.candidates[k].rule_index) << '\n';
    }
  }
}

Result<ExitCode> run_resolve(Context& ctx, const ResolveOptions& options)
{
  // Every argument is checked before anything is printed, and every bad one is reported.
  // Standard input can be read once: for the references or for the secret, not both.
  if (options.registry.creds_file == "-" &&
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
    std::vector<std::string> problems = options.registry.time_problems();
    problems.push_back(util::join(registry_flags, ", ") + (registry_flags.size() == 1 ? " only applies" : " only apply") +
                       " with --verify");
    return util::usage_error(util::join(problems, "\n"), "add --verify to ask the registries, or drop " +
                                                            util::join(registry_flags, ", "));
  }
  std::optional<ports::RegistryCheckOptions> check_options;
  if (options.verify) {
    DEVK8S_TRY(auto resolved, options.registry.resolve(ctx));
    check_options = std::move(resolved);
  }
  DEVK8S_TRY(const auto map, choose_map(ctx, options.mirror));

  std::vector<core::image::Resolution> resolutions;
  for (const auto& ref : refs) {
    resolutions.push_back(core::image::resolve(ref, map));
    if (check_options) {
      // A credential without a host goes to these registries only: the references named and
      // their candidates (not the upstream of a repaired path, which nobody named).
      check_options->general_creds_registries.insert(ref.domain());
      for (const auto& c : resolutions.back().candidates) {
        check_options->general_creds_registries.insert(c.ref.domain());
      }
    }
  }
  std::vector<VerifiedResolution> verified;
  if (check_options) {
    verified = verify_resolutions(ctx, resolutions, *check_options, !options.skip_upstream);
  }
  // With --verify the answer is the first candidate that exists; without, the resolver's first.
  const auto chosen = [&](std::size_t i) -> const core::image::ImageRef& {
    if (!verified.empty() && verified[i].verification.chosen) {
      return *verified[i].verification.chosen;
    }
    return resolutions[i].chosen();
  };
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
    for (const auto& r : resolutions) {
      explain_to_stderr(ctx, r, map);
    }
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
    for (const auto& r : resolutions) {
      explain_to_stderr(ctx, r, map);
    }
  } else {
    for (std::size_t i = 0; i < resolutions.size(); ++i) {
      ctx.streams.out << chosen(i).str() << '\n';
      explain_to_stderr(ctx, resolutions[i], map); // scripts read stdout; the why goes to stderr
    }
  }
  std::vector<util::Error> unverified;
  for (std::size_t i = 0; i < verified.size(); ++i) {
    const auto& v = verified[i];
    if (v.verification.chosen) {
      const auto& outcome = v.verification.chosen_index ? v.candidates[*v.verification.chosen_index] : *v.original;
      if (ctx.global.verbosity > 0 || v.verification.chosen_index.value_or(0) > 0) {
        ctx.streams.err << "devk8s: verified " << chosen(i).str() << " exists (" << outcome.digest << ")\n";
      }
    } else {
      unverified.push_back(unverified_error(resolutions[i], v));
    }
    for (const auto& warning : v.verification.warnings) {
      ctx.streams.err << "devk8s: warning: " << warning << '\n';
    }
  }
  if (unverified.size() == 1) {
    return unverified.front();
  }
  if (!unverified.empty()) {
    std::vector<std::string> lines;
    for (const auto& e : unverified) {
      lines.push_back(e.message);
    }
    return util::failure(util::join(lines, "\n"), unverified.front().hint);
  }
  return ExitCode::ok;
}

Result<ExitCode> run_list(Context& ctx, const MirrorOptions& mirror, const std::string& output)
{
  DEVK8S_TRY(const auto catalog, load_catalog(ctx, mirror));
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
  resolve->mirror.add_to(*cmd);
  cmd->add_option("-o,--output", resolve->output, "Output format: text (one per line), wide, json")
      ->check(CLI::IsMember({"text", "wide", "json"}));
  cmd->add_flag("--verify", resolve->verify,
                "Ask the registries: print the first candidate that exists, warn when its digest differs from upstream's");
  cmd->add_flag("--skip-upstream", resolve->skip_upstream,
                "With --verify: do not ask the upstream registry (it is unreachable behind the firewall anyway)");
  resolve->registry.add_to(*cmd);
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
