#include "exec/plan_check.hpp"

#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <vector>

namespace devk8s::exec {

namespace {

using core::plan::InstallBinary;
using core::plan::WriteFile;

constexpr int k_max_backup_number = 10000;

std::string parent_dir(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// What a plan's problems have in common, so the hint says it once.
struct Problems {
  std::vector<std::string> lines;
  std::vector<std::string> hints;

  void add(std::string line, const std::string& hint)
  {
    lines.push_back(std::move(line));
    if (std::find(hints.begin(), hints.end(), hint) == hints.end()) {
      hints.push_back(hint);
    }
  }
};

constexpr const char* k_file_hint = "make the files writable";
constexpr const char* k_backup_hint = "move the backup out of the way";

// Two steps writing one file: the second would back up the first one's output as the original.
void claim(std::map<std::string, std::size_t>& claimed, ports::FileSystem& fs, const std::string& path, std::size_t step,
           Problems& problems)
{
  const auto [it, fresh] = claimed.emplace(fs.identity(path), step);
  if (!fresh && it->second != step) {
    problems.add(path + ": written by step " + std::to_string(it->second + 1) + " and step " + std::to_string(step + 1),
                 k_file_hint);
  }
}

void check_backup(ports::FileSystem& fs, const std::string& backup, Problems& problems)
{
  if (fs.kind(backup) != ports::FileKind::missing) {
    problems.add(backup + ": already exists, and a backup is never overwritten", k_backup_hint);
  } else if (auto ok = fs.check_writable(backup); !ok) {
    problems.add("cannot keep a backup: " + ok.error().message, k_backup_hint);
  }
}

void check_write(ports::FileSystem& fs, const WriteFile& write, Problems& problems)
{
  if (fs.kind(write.path) == ports::FileKind::directory) {
    problems.add(write.path + ": is a directory", k_file_hint);
  } else if (auto ok = fs.check_writable(write.path); !ok) {
    problems.add(ok.error().message, k_file_hint);
  }
  if (write.backup && fs.kind(write.path) != ports::FileKind::missing) {
    check_backup(fs, *write.backup, problems);
  }
}

// The installer creates a missing directory: the nearest one that exists must take it.
void check_install(ports::FileSystem& fs, const InstallBinary& install, Problems& problems)
{
  if (auto ok = check_directory_creatable(fs, parent_dir(install.path)); !ok) {
    problems.add(ok.error().message, k_install_dir_hint);
    return;
  }
  const auto target = fs.kind(install.path);
  if (target == ports::FileKind::directory || target == ports::FileKind::other) {
    problems.add(install.path + " exists and is not a file", k_install_dir_hint);
  } else if (install.backup && target == ports::FileKind::regular) {
    check_backup(fs, *install.backup, problems);
  }
}

// A request or a wait no server could act on is devk8s's mistake, not the user's; it still
// stops the plan before its first change.
constexpr const char* k_plan_bug_hint = "this plan is devk8s's mistake: please report it";

std::string step_name(const core::plan::Plan& plan, std::size_t i)
{
  return "step " + std::to_string(i + 1) + " (" + plan.steps[i].description + ")";
}

void check_request(const core::plan::KubeRequest& request, const std::string& where, Problems& problems)
{
  if (request.path.empty() || request.path.front() != '/') {
    problems.add(where + ": the API path " + util::quoted(request.path) + " does not start with /", k_plan_bug_hint);
  }
  if (request.verb != core::plan::KubeRequest::Verb::remove &&
      !nlohmann::json::accept(request.body)) {
    problems.add(where + ": the request body is not JSON", k_plan_bug_hint);
  }
}

} // namespace

util::Result<void> check_directory_creatable(ports::FileSystem& fs, const std::string& dir)
{
  std::string existing = dir;
  while (fs.kind(existing) == ports::FileKind::missing && parent_dir(existing) != existing) {
    existing = parent_dir(existing);
  }
  const auto kind = fs.kind(existing);
  if (kind != ports::FileKind::directory && kind != ports::FileKind::missing) {
    return util::failure("cannot create " + dir + ": " + existing + " is not a directory");
  }
  if (auto ok = fs.check_directory_writable(existing); !ok) {
    return util::failure(existing == dir ? ok.error().message : "cannot create " + dir + ": " + ok.error().message);
  }
  return {};
}

std::string first_free_path(ports::FileSystem& fs, const std::string& wanted, const std::set<std::string>& taken)
{
  std::string candidate = wanted;
  for (int n = 1; n <= k_max_backup_number; ++n) {
    if (taken.count(candidate) == 0 && fs.kind(candidate) == ports::FileKind::missing) {
      return candidate;
    }
    candidate = wanted + "." + std::to_string(n);
  }
  return candidate; // all taken: check_plan says so
}

void assign_free_backups(core::plan::Plan& plan, ports::FileSystem& fs)
{
  std::set<std::string> taken;
  for (const auto& step : plan.steps) {
    if (const auto* write = std::get_if<WriteFile>(&step.action)) {
      taken.insert(write->path);
    } else if (const auto* install = std::get_if<InstallBinary>(&step.action)) {
      taken.insert(install->path);
    }
  }
  for (auto& step : plan.steps) {
    std::optional<std::string>* backup = nullptr;
    if (auto* write = std::get_if<WriteFile>(&step.action)) {
      backup = &write->backup;
    } else if (auto* install = std::get_if<InstallBinary>(&step.action)) {
      backup = &install->backup;
    }
    if (backup != nullptr && backup->has_value()) {
      **backup = first_free_path(fs, **backup, taken);
      taken.insert(**backup);
    }
  }
}

util::Result<void> check_plan(const core::plan::Plan& plan, ports::FileSystem& fs)
{
  Problems problems;
  std::map<std::string, std::size_t> claimed;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& action = plan.steps[i].action;
    if (const auto* write = std::get_if<WriteFile>(&action)) {
      check_write(fs, *write, problems);
      claim(claimed, fs, write->path, i, problems);
      if (write->backup) {
        claim(claimed, fs, *write->backup, i, problems);
      }
    } else if (const auto* install = std::get_if<InstallBinary>(&action)) {
      check_install(fs, *install, problems);
      claim(claimed, fs, install->path, i, problems);
      if (install->backup) {
        claim(claimed, fs, *install->backup, i, problems);
      }
    } else if (const auto* request = std::get_if<core::plan::KubeRequest>(&action)) {
      check_request(*request, step_name(plan, i), problems);
    } else if (const auto* wait = std::get_if<core::plan::Wait>(&action)) {
      if (auto invalid = core::plan::validate(wait->condition)) {
        problems.add(step_name(plan, i) + ": cannot wait for " + core::plan::describe(wait->condition) + ": " + *invalid,
                     k_plan_bug_hint);
      } else if (wait->interval.count() <= 0 || wait->timeout.count() <= 0) {
        // A zero interval would poll the API server as fast as it answers.
        problems.add(step_name(plan, i) + ": cannot wait for " + core::plan::describe(wait->condition) +
                         ": the interval and the timeout must be positive",
                     k_plan_bug_hint);
      }
    }
  }
  if (problems.lines.empty()) {
    return {};
  }
  problems.hints.emplace_back("nothing was changed");
  return util::failure(util::join(problems.lines, "\n"), util::join(problems.hints, "; "));
}

} // namespace devk8s::exec
