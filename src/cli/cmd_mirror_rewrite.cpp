// `devk8s mirror rewrite`: rewrites workload images in manifests through a mirror map.
// Every input is read and parsed before anything is printed or written: a YAML error in any
// file rewrites nothing.
#include "cli/commands.hpp"
#include "cli/json_text.hpp"
#include "cli/mirror_options.hpp"
#include "cli/render_resolution.hpp"
#include "cli/text_reporter.hpp"
#include "core/image/manifest_rewriter.hpp"
#include "core/image/rewrite_plan.hpp"
#include "core/plan/plan.hpp"
#include "exec/executor.hpp"
#include "exec/plan_check.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>

namespace devk8s::cli {

namespace {

using util::ExitCode;
using util::Result;

struct RewriteOptions {
  MirrorOptions mirror;
  std::vector<std::string> inputs;
  bool in_place = false;
  std::string backup_suffix = ".orig";
  bool no_backup = false;
  bool dry_run = false;
  std::string output = "yaml";
};

// What is kept of one input until every input has parsed: the text and its byte edits, and
// for -o json one record per change. Nothing per image beyond that, so a 50 MB stream costs
// little more than its own size.
struct Input : core::image::FileRewrite {
  std::vector<nlohmann::json> records;
};

Result<std::vector<std::string>> expand_inputs(Context& ctx, const RewriteOptions& options)
{
  std::vector<std::string> paths;
  std::vector<std::string> problems;
  std::vector<std::string> streams; // pipes, devices, sockets: readable, not editable in place
  const std::vector<std::string> given = options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs;
  for (const auto& input : given) {
    if (input == "-") {
      paths.push_back(input);
      continue;
    }
    switch (ctx.adapters.fs.kind(input)) {
    case ports::FileKind::regular:
      paths.push_back(input);
      break;
    case ports::FileKind::directory: {
      auto files = ctx.adapters.fs.list_files(input, {".yaml", ".yml", ".json"});
      if (!files) {
        problems.push_back(files.error().message);
      } else if (files->empty()) {
        problems.push_back(input + ": no .yaml, .yml or .json files in this directory");
      } else {
        paths.insert(paths.end(), files->begin(), files->end());
      }
      break;
    }
    case ports::FileKind::missing:
      problems.push_back(input + ": no such file or directory");
      break;
    case ports::FileKind::other:
      // <(helm template ...), /dev/stdin, a FIFO: read to the end, as kubectl -f does.
      paths.push_back(input);
      streams.push_back(input);
      break;
    }
  }
  if (options.in_place && !streams.empty()) {
    return util::usage_error(util::join(streams, ", ") + ": not a regular file; -i edits only regular files",
                             "drop -i to print the rewritten stream, or name the file itself");
  }
  if (!problems.empty()) {
    return util::failure(util::join(problems, "\n"), "nothing was rewritten");
  }
  // A file named twice (a.yaml a.yaml, or a directory and a file in it) is rewritten once: a
  // second in-place step would back up the already rewritten text over the only original.
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (auto& path : paths) {
    if (seen.insert(path == "-" ? path : ctx.adapters.fs.identity(path)).second) {
      unique.push_back(std::move(path));
    }
  }
  return unique;
}

Result<std::string> read_input(Context& ctx, const std::string& path)
{
  if (path == "-") {
    // Not through an inlined istreambuf_iterator, which makes GCC 12 warn -Wnull-dereference
    // from libstdc++'s streambuf in Release builds.
    std::ostringstream text;
    text << ctx.streams.in.rdbuf();
    return std::move(text).str();
  }
  return ctx.adapters.fs.read_file(path);
}

// Input that holds no document at all (an empty or closed stdin, empty files) is a mistake
// worth saying, not a successful rewrite of nothing.
Result<void> nothing_to_rewrite(const std::vector<Input>& inputs)
{
  if (std::any_of(inputs.begin(), inputs.end(), [](const Input& input) { return input.summary.documents > 0; })) {
    return {};
  }
  std::vector<std::string> names;
  for (const auto& input : inputs) {
    names.push_back(input.path == "-" ? "standard input" : input.path);
  }
  if (names.size() > 3) {
    const std::size_t more = names.size() - 2;
    names.resize(2);
    names.push_back(std::to_string(more) + " more files");
  }
  const bool only_stdin = inputs.size() == 1 && inputs.front().path == "-";
  return util::failure("no manifests to rewrite: " + util::join(names, ", ") +
                           (only_stdin         ? " is empty (or closed)"
                            : names.size() == 1 ? " holds no YAML or JSON document"
                                                : " hold no YAML or JSON document"),
                       only_stdin ? "pipe manifests in: helm template NAME CHART | devk8s mirror rewrite --mirror NAME"
                                  : "name the files or directories that hold the manifests");
}

// One JSON array, written record by record rather than built whole.
void print_records(std::ostream& out, const std::vector<Input>& inputs)
{
  out << '[';
  bool first = true;
  for (const auto& input : inputs) {
    for (const auto& record : input.records) {
      out << (first ? "\n" : ",\n") << json_text(record);
      first = false;
    }
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

Result<ExitCode> run_rewrite(Context& ctx, const RewriteOptions& options)
{
  if (!options.in_place && (options.no_backup || options.backup_suffix != ".orig")) {
    return util::usage_error("--backup-suffix and --no-backup only apply with -i", "add -i to edit files in place");
  }
  if (options.in_place && options.backup_suffix.empty()) {
    return util::usage_error("--backup-suffix must not be empty", "use --no-backup to keep no backup");
  }
  DEVK8S_TRY(const auto paths, expand_inputs(ctx, options));
  if (options.in_place && std::find(paths.begin(), paths.end(), "-") != paths.end()) {
    return util::usage_error("-i cannot edit standard input in place", "pass files or directories, or drop -i");
  }
  DEVK8S_TRY(const auto map, choose_map(ctx, options.mirror));

  std::vector<Input> inputs;
  std::vector<std::string> problems;
  for (const auto& path : paths) {
    auto text = read_input(ctx, path);
    if (!text) {
      problems.push_back(text.error().message);
      continue;
    }
    Input input{{path, std::move(*text), {}, {}}, {}};
    const bool want_records = options.output == "json";
    auto summary = core::image::rewrite_manifest(input.text, map, [&](core::image::ImageChange&& change) {
      if (want_records) {
        input.records.push_back(change_to_json(path, change, map));
      }
      input.splices.push_back(std::move(change.splice));
    });
    if (!summary) {
      problems.push_back((path == "-" ? "<stdin>" : path) + ":" + summary.error().message);
      continue;
    }
    input.summary = std::move(*summary);
    inputs.push_back(std::move(input));
  }
  if (!problems.empty()) {
    return util::failure(util::join(problems, "\n"), "fix the input; nothing was rewritten");
  }
  if (auto some = nothing_to_rewrite(inputs); !some) {
    return some.error();
  }

  std::size_t changed = 0;
  std::size_t found = 0;
  for (const auto& input : inputs) {
    for (const auto& w : input.summary.warnings) {
      ctx.streams.err << "devk8s: warning: " << (input.path == "-" ? "<stdin>" : input.path) << ":" << w.line << ":"
                      << w.column << ": " << w.message << '\n';
    }
    changed += input.summary.changes;
    found += input.summary.images;
  }

  if (options.in_place) {
    // Editing files is a plan: --dry-run prints it (with each file's diff), a real run applies it.
    if (options.output == "json") {
      print_records(ctx.streams.out, inputs);
    }
    core::plan::Plan plan{"Rewrite images in place with mirror " + map.name, {}};
    const auto backup = options.no_backup ? std::nullopt : std::optional<std::string>(options.backup_suffix);
    for (const auto& input : inputs) {
      if (auto step = core::image::in_place_step(input, backup, options.dry_run)) {
        plan.steps.push_back(std::move(*step));
      }
    }
    // FILE.orig already there (an earlier run's original) is kept: this run's backup is FILE.orig.1.
    exec::assign_free_backups(plan, ctx.adapters.fs);
    const bool json = options.output == "json";
    TextReporter reporter(ctx.streams.err, ctx.streams.err_is_tty, ctx.global.verbosity > 0);
    const auto executor = exec::make_executor(ctx.adapters.fs, ctx.adapters.runner, reporter,
                                              json ? ctx.streams.err : ctx.streams.out,
                                              exec::ExecutorChoice{options.dry_run, exec::PlanFormat::text, !json, {}});
    if (auto done = executor->execute(plan); !done) {
      return done.error();
    }
  } else if (options.output == "json") {
    print_records(ctx.streams.out, inputs);
  } else if (options.dry_run || options.output == "diff") {
    for (const auto& input : inputs) {
      ctx.streams.out << core::image::file_diff(input);
    }
  } else {
    bool first = true;
    for (const auto& input : inputs) {
      if (!first) {
        ctx.streams.out << "---\n";
      }
      first = false;
      util::write_spliced(ctx.streams.out, input.text, input.splices);
      if (inputs.size() > 1 && !core::image::rewritten_ends_with_newline(input)) {
        ctx.streams.out << '\n';
      }
    }
  }

  if (options.dry_run || ctx.global.verbosity > 0) {
    ctx.streams.err << "devk8s: " << (options.dry_run ? "would rewrite " : "rewrote ") << changed << " of " << found
                    << " images in " << inputs.size() << (inputs.size() == 1 ? " file" : " files")
                    << " with mirror " << map.name << (options.dry_run ? " (dry run: nothing written)" : "") << '\n';
  }
  return ExitCode::ok;
}

} // namespace

void add_mirror_rewrite_command(CLI::App& mirror, Context& ctx, Action& action)
{
  auto options = std::make_shared<RewriteOptions>();
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
  options->mirror.add_to(*cmd);
  cmd->add_flag("-i,--in-place", options->in_place, "Edit the files in place (atomically)");
  cmd->add_option("--backup-suffix", options->backup_suffix,
                  "With -i: keep the original as FILE+SUFFIX (default .orig; FILE.orig.1, ... if taken)");
  cmd->add_flag("--no-backup", options->no_backup, "With -i: keep no backup");
  cmd->add_flag("--dry-run", options->dry_run, "Print the diff of what would change; write nothing");
  cmd->add_option("-o,--output", options->output, "Output: yaml (the rewritten stream), diff, json (the changes)")
      ->check(CLI::IsMember({"yaml", "diff", "json"}));
  cmd->callback([&ctx, &action, options] { action = [&ctx, options] { return run_rewrite(ctx, *options); }; });
}

} // namespace devk8s::cli
