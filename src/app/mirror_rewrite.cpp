#include "app/mirror_rewrite.hpp"

#include "core/image/manifest_rewriter.hpp"
#include "exec/plan_check.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <set>

namespace devk8s::app {

namespace {

util::Result<std::vector<std::string>> expand_inputs(ports::FileSystem& fs, const RewriteOptions& options)
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
    switch (fs.kind(input)) {
    case ports::FileKind::regular:
      paths.push_back(input);
      break;
    case ports::FileKind::directory: {
      auto files = fs.list_files(input, {".yaml", ".yml", ".json"});
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
    if (seen.insert(path == "-" ? path : fs.identity(path)).second) {
      unique.push_back(std::move(path));
    }
  }
  return unique;
}

// Input that holds no document at all (an empty or closed stdin, empty files) is a mistake
// worth saying, not a successful rewrite of nothing.
util::Result<void> nothing_to_rewrite(const std::vector<core::image::FileRewrite>& inputs)
{
  if (std::any_of(inputs.begin(), inputs.end(), [](const core::image::FileRewrite& input) { return input.summary.documents > 0; })) {
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

} // namespace

util::Result<RewriteResult> rewrite_manifests(const Ports& ports, const RewriteOptions& options,
                                              exec::Executor& executor, ports::Reporter& reporter)
{
  DEVK8S_TRY(const auto paths, expand_inputs(ports.fs, options));
  if (options.in_place && std::find(paths.begin(), paths.end(), "-") != paths.end()) {
    return util::usage_error("-i cannot edit standard input in place", "pass files or directories, or drop -i");
  }
  DEVK8S_TRY(const auto map, choose_map(ports.fs, options.mirror));

  RewriteResult result{map.name, {}, 0, 0};
  std::vector<std::string> problems;
  for (const auto& path : paths) {
    auto text = path == "-" ? options.read_stdin() : ports.fs.read_file(path);
    if (!text) {
      problems.push_back(text.error().message);
      continue;
    }
    core::image::FileRewrite input{path, std::move(*text), {}, {}};
    auto summary = core::image::rewrite_manifest(input.text, map, [&](core::image::ImageChange&& change) {
      if (options.on_change) {
        options.on_change(path, change, map);
      }
      input.splices.push_back(std::move(change.splice));
    });
    if (!summary) {
      problems.push_back((path == "-" ? "<stdin>" : path) + ":" + summary.error().message);
      continue;
    }
    input.summary = std::move(*summary);
    result.files.push_back(std::move(input));
  }
  if (!problems.empty()) {
    return util::failure(util::join(problems, "\n"), "fix the input; nothing was rewritten");
  }
  if (auto some = nothing_to_rewrite(result.files); !some) {
    return some.error();
  }
  for (const auto& input : result.files) {
    for (const auto& w : input.summary.warnings) {
      reporter.warning((input.path == "-" ? "<stdin>" : input.path) + ":" + std::to_string(w.line) + ":" +
                       std::to_string(w.column) + ": " + w.message);
    }
    result.changed += input.summary.changes;
    result.found += input.summary.images;
  }

  if (options.in_place) {
    // Editing files is a plan: a dry run shows it (with each file's diff), a real run applies it.
    core::plan::Plan plan{"Rewrite images in place with mirror " + map.name, {}};
    for (const auto& input : result.files) {
      if (auto step = core::image::in_place_step(input, options.backup_suffix, options.dry_run)) {
        plan.steps.push_back(std::move(*step));
      }
    }
    // FILE.orig already there (an earlier run's original) is kept: this run's backup is FILE.orig.1.
    exec::assign_free_backups(plan, ports.fs);
    if (auto done = executor.execute(plan); !done) {
      return done.error();
    }
  }
  const std::string summary = std::string(options.dry_run ? "would rewrite " : "rewrote ") +
                              std::to_string(result.changed) + " of " + std::to_string(result.found) + " images in " +
                              std::to_string(result.files.size()) + (result.files.size() == 1 ? " file" : " files") +
                              " with mirror " + map.name + (options.dry_run ? " (dry run: nothing written)" : "");
  if (options.dry_run) {
    reporter.info(summary);
  } else {
    reporter.detail(summary);
  }
  return result;
}

} // namespace devk8s::app
