// Before a plan changes anything: every file it writes, every backup it keeps and every directory
// it installs into is checked, so a plan does not stop halfway over something that was knowable
// (a read-only file, a backup name already taken, a directory nobody may write). Both executors
// run the same check; backups get names that never overwrite an earlier backup.
#pragma once

#include "core/plan/plan.hpp"
#include "ports/file_system.hpp"
#include "util/result.hpp"

#include <set>
#include <string>

namespace devk8s::exec {

/// The hint for a directory a binary cannot be installed into.
inline constexpr const char* k_install_dir_hint = "choose a directory you own with --dir DIR (the default is ~/.local/bin)";

/// `wanted` if nothing is there and it is not in `taken`, else the first free of `wanted.1`,
/// `wanted.2`, ... An earlier backup may hold the only original (a second `-i` run after an
/// edit), so it is kept rather than replaced.
std::string first_free_path(ports::FileSystem& fs, const std::string& wanted, const std::set<std::string>& taken = {});

/// Gives every step's backup (WriteFile, InstallBinary) its first free name, distinct from the
/// plan's other targets and backups. Commands call it while building the plan, so a dry run
/// shows the backup a real run will use.
void assign_free_backups(core::plan::Plan& plan, ports::FileSystem& fs);

/// Whether `dir` exists and can be written, or can be created: the nearest directory that exists
/// takes new entries. Changes nothing (what a dry run checks). Error: "cannot write in DIR: why",
/// or "cannot create DIR: why".
util::Result<void> check_directory_creatable(ports::FileSystem& fs, const std::string& dir);

/// Every problem of the plan, one line each, naming the path: a target that cannot be written
/// (read-only, a directory, its directory not writable), a backup that already exists or cannot
/// be created, a path two steps write, an install directory that cannot be created or written.
/// Changes nothing; the error's hint ends with "nothing was changed".
util::Result<void> check_plan(const core::plan::Plan& plan, ports::FileSystem& fs);

} // namespace devk8s::exec
