// `devk8s mirror rewrite` as a use case: every input read and parsed before anything is written
// (a YAML error in any file rewrites nothing), and with -i a Plan of one step per changed file,
// applied by the executor the CLI chose. Printing the rewritten stream or diff is the CLI's.
#pragma once

#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/image/rewrite_plan.hpp"
#include "exec/executor.hpp"
#include "ports/reporter.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct RewriteOptions {
  std::vector<std::string> inputs; ///< files, directories, streams; "-" or none for standard input
  MirrorOptions mirror;
  bool in_place = false;
  std::optional<std::string> backup_suffix = ".orig"; ///< with in_place; nullopt keeps no backup
  bool dry_run = false;                               ///< steps carry their diff as a preview
  /// Standard input's whole text, asked for only when an input is "-".
  std::function<util::Result<std::string>()> read_stdin;
  /// Each change as it is found (for -o json), before anything is written.
  std::function<void(const std::string& path, const core::image::ImageChange& change,
                     const core::image::MirrorMap& map)> on_change;
};

struct RewriteResult {
  std::string mirror;                         ///< the map's name
  std::vector<core::image::FileRewrite> files; ///< one per input, in order
  std::size_t changed = 0;                    ///< images rewritten
  std::size_t found = 0;                      ///< workload images seen
};

util::Result<RewriteResult> rewrite_manifests(const Ports& ports, const RewriteOptions& options,
                                              exec::Executor& executor, ports::Reporter& reporter);

} // namespace devk8s::app
