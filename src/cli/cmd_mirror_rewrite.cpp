// `devk8s mirror rewrite`: rewrites workload images in manifests through a mirror map.
// Every input is read and parsed before anything is printed or written: a YAML error in any
// file rewrites nothing.
#include "app/executor_choice.hpp"
#include "app/mirror_rewrite.hpp"
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/render_resolution.hpp"
#include "util/splice.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct RewriteFlags {
  app::MirrorOptions mirror;
  std::vector<std::string> inputs;
  bool in_place = false;
  std::string backup_suffix = ".orig";
  bool no_backup = false;
  bool dry_run = false;
  std::string output = "yaml";
  bool backup_suffix_given = false;
  bool output_given = false;
};

// One JSON array, written record by record rather than built whole.
void print_records(std::ostream& out, const std::vector<nlohmann::json>& records)
{
  out << '[';
  bool first = true;
  for (const auto& record : records) {
    out << (first ? "\n" : ",\n") << json_text(record);
    first = false;
  }
  out << (first ? "]\n" : "\n]\n");
}

nlohmann::json change_to_json(const std::string& path, const core::image::ImageChange& change,
                              const core::image::MirrorMap& map)
{
  const auto& f = change.field;
  const auto& r = change.resolution;
  return {{"file", path},
          {"line", f.line},
          {"column", f.column},
          {"document", f.document + 1},
          {"kind", f.kind},
          {"name", f.name},
          {"container", f.container},
          {"field", f.field},
          {"old", f.value},
          {"new", r.chosen().str()},
          {"status", core::image::to_string(r.kind)},
          {"rule", rule_to_json(map, r.candidates.front().rule_index)}};
}

Result<ExitCode> run_rewrite(Context& ctx, const RewriteFlags& flags)
{
  if (!flags.in_place && (flags.no_backup || flags.backup_suffix_given)) {
    return util::usage_error("--backup-suffix and --no-backup only apply with -i", "add -i to edit files in place");
  }
  // -i writes the files and prints nothing of them; a yaml or diff output asked for would be lost.
  if (flags.in_place && flags.output_given && flags.output != "json") {
    return util::usage_error("-o " + flags.output + " prints the rewrite instead of writing it, and -i writes it",
                             "-i --dry-run shows each file's diff; -i -o json lists the changes");
  }
  if (flags.in_place && flags.backup_suffix.empty()) {
    return util::usage_error("--backup-suffix must not be empty", "use --no-backup to keep no backup");
  }
  const bool json = flags.output == "json";
  // -o json's records, one per change; a dry run of -i shows its plan instead.
  std::vector<nlohmann::json> records;
  app::RewriteOptions options;
  options.inputs = flags.inputs;
  options.mirror = with_mirror_environment(flags.mirror, ctx.env);
  options.in_place = flags.in_place;
  options.backup_suffix = flags.no_backup ? std::nullopt : std::optional<std::string>(flags.backup_suffix);
  options.dry_run = flags.dry_run;
  options.read_stdin = [&ctx]() -> Result<std::string> {
    // Not through an inlined istreambuf_iterator, which makes GCC 12 warn -Wnull-dereference
    // from libstdc++'s streambuf in Release builds.
    std::ostringstream text;
    text << ctx.streams.in.rdbuf();
    return std::move(text).str();
  };
  if (json && !(flags.in_place && flags.dry_run)) {
    options.on_change = [&records](const std::string& path, const core::image::ImageChange& change,
                                   const core::image::MirrorMap& map) {
      records.push_back(change_to_json(path, change, map));
    };
  }
  TextReporter reporter = ctx.reporter();
  const auto format = json ? exec::PlanFormat::json : exec::PlanFormat::text;
  const auto executor = app::make_executor(ctx.adapters, {flags.dry_run, format, true, {}},
                                           {ctx.streams.out, ctx.streams.err, ctx.streams.err_is_tty, reporter});
  DEVK8S_TRY(const auto result, app::rewrite_manifests(ctx.adapters, options, *executor, reporter));

  if (json) {
    if (!(flags.in_place && flags.dry_run)) {
      print_records(ctx.streams.out, records);
    }
  } else if (flags.in_place) {
    // The executor has written the files, or printed the plan.
  } else if (flags.dry_run || flags.output == "diff") {
    for (const auto& input : result.files) {
      ctx.streams.out << core::image::file_diff(input);
    }
  } else {
    bool first = true;
    for (const auto& input : result.files) {
      if (!first) {
        ctx.streams.out << "---\n";
      }
      first = false;
      util::write_spliced(ctx.streams.out, input.text, input.splices);
      if (result.files.size() > 1 && !core::image::rewritten_ends_with_newline(input)) {
        ctx.streams.out << '\n';
      }
    }
  }
  return ExitCode::ok;
}

} // namespace

void add_mirror_rewrite_command(CLI::App& mirror, Context& ctx, Action& action)
{
  auto options = std::make_shared<RewriteFlags>();
  CLI::App* cmd = mirror.add_subcommand(
      "rewrite", "Rewrite the images of workloads in manifests (files, directories, or - for stdin)");
  cmd->footer("Only container, initContainer and ephemeralContainer images of Pods, Deployments, StatefulSets,\n"
              "DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs (also in List items) change;\n"
              "everything else is kept byte for byte. A YAML error anywhere rewrites nothing.\n"
              "Examples:\n"
              "  helm template redis bitnami/redis | devk8s mirror rewrite --mirror cn | kubectl apply -f -\n"
              "  devk8s mirror rewrite -i --mirror cn k8s/          # in place, keeping k8s/*.orig\n"
              "  devk8s mirror rewrite --dry-run --mirror cn app.yaml  # the diff, nothing written");
  cmd->add_option("INPUT", options->inputs, "Manifest files, directories or streams (a FIFO, /dev/stdin); - or nothing reads stdin");
  add_mirror_flags(*cmd, options->mirror);
  cmd->add_flag("-i,--in-place", options->in_place, "Edit the files in place (atomically)");
  cmd->add_option("--backup-suffix", options->backup_suffix,
                  "With -i: keep the original as FILE+SUFFIX (default .orig; FILE.orig.1, ... if taken)");
  cmd->add_flag("--no-backup", options->no_backup, "With -i: keep no backup");
  cmd->add_flag("--dry-run", options->dry_run, "Print the diff of what would change (with -i -o json: the plan); write nothing");
  cmd->add_option("-o,--output", options->output, "Output: yaml (the rewritten stream), diff, json (the changes)")
      ->check(CLI::IsMember({"yaml", "diff", "json"}));
  cmd->callback([&ctx, &action, options, cmd] {
    options->backup_suffix_given = cmd->get_option("--backup-suffix")->count() > 0;
    options->output_given = cmd->get_option("--output")->count() > 0;
    action = [&ctx, options] { return run_rewrite(ctx, *options); };
  });
}

} // namespace devk8s::cli
