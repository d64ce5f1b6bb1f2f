// From a planned manifest rewrite to what a command shows or does with it: the in-place Plan
// step for a file, its unified diff, and facts about the output that avoid building it.
#pragma once

#include "core/image/manifest_rewriter.hpp"
#include "core/plan/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::image {

/// One input's text and the byte edits its rewrite planned.
struct FileRewrite {
  std::string path; ///< "-" for stdin
  std::string text;
  std::vector<util::Splice> splices;
  RewriteSummary summary;
};

/// git-style a/ and b/ for relative paths (patch -p1, git apply); an absolute path labels both
/// sides as itself, as diff -u does (patch -p0).
std::string diff_label(const std::string& path, char side);

/// The file's unified diff; empty when nothing changes.
std::string file_diff(const FileRewrite& file);

/// The step that rewrites the file in place, keeping it as path+backup_suffix if given, or
/// nullopt when nothing changes. The preview (the diff) is only worth computing for a dry run.
std::optional<plan::Step> in_place_step(const FileRewrite& file, const std::optional<std::string>& backup_suffix,
                                        bool with_preview);

/// Whether the rewritten text ends with a newline, without building it.
bool rewritten_ends_with_newline(const FileRewrite& file);

} // namespace devk8s::core::image
