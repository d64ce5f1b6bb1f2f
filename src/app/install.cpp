#include "app/install.hpp"

#include "app/download_sources.hpp"
#include "app/tools.hpp"
#include "core/install/release_text.hpp"
#include "core/install/version_command.hpp"
#include "exec/plan_check.hpp"
#include "util/build_info.hpp"
#include "util/strings.hpp"

namespace devk8s::app {

namespace {

using core::install::Tool;

// The newest release from the first source that answers; each failure is reported.
util::Result<core::Version> latest_version(const Ports& ports, const std::vector<const core::install::DownloadSource*>& order,
                                           Tool tool, ports::Reporter& reporter)
{
  std::vector<std::string> failures;
  for (const auto* source : order) {
    const auto* urls = source->find(tool);
    if (urls == nullptr || urls->latest.empty()) {
      continue;
    }
    ports::HttpRequest request;
    request.url = urls->latest;
    request.follow_redirects = true;
    request.timeout = std::chrono::seconds(20);
    request.max_body = 4u << 20;
    const auto response = ports.http.perform(request);
    std::string why;
    if (!response.ok()) {
      why = std::string(ports::to_string(response.transport)) + ": " + response.transport_message;
    } else if (response.status != 200) {
      why = "HTTP " + std::to_string(response.status);
    } else if (auto version = core::install::parse_latest_version(response.body)) {
      return *version;
    } else {
      why = version.error().message;
    }
    failures.push_back(source->name + " (" + urls->latest + "): " + why);
    reporter.info("cannot read the latest " + std::string(core::install::to_string(tool)) + " version from " +
                  failures.back());
  }
  return util::failure("cannot find the latest " + std::string(core::install::to_string(tool)) + " version" +
                           (failures.empty() ? ": no download source says where" : ""),
                       "pass --version V (e.g. --version v1.20.0)");
}

util::Result<core::Version> wanted_version(const Ports& ports, const InstallOptions& o,
                                           const std::vector<const core::install::DownloadSource*>& order,
                                           ports::Reporter& reporter)
{
  if (!o.version.empty()) {
    auto version = core::Version::parse(o.version);
    if (!version) {
      return util::usage_error("--version: " + version.error().message, "give a release such as v1.20.0");
    }
    return *version;
  }
  if (o.match_cluster) {
    const ClusterVersionQuery query{find_on_path(ports.fs, o.search_path, "kubectl"),
                                    find_on_path(ports.fs, o.search_path, "minikube"), o.profile, o.kube};
    DEVK8S_TRY(const auto cluster, cluster_version(ports, query, reporter));
    reporter.info("the cluster runs Kubernetes " + cluster.version.str() + " (from " + cluster.from + ")");
    return core::Version{cluster.version.major, cluster.version.minor, cluster.version.patch, {}};
  }
  return latest_version(ports, order, o.tool, reporter);
}

core::plan::InstallBinary install_step(const InstallOptions& o, const core::Version& version,
                                       const std::vector<core::install::Candidate>& candidates, const std::string& path,
                                       const std::optional<std::string>& backup)
{
  core::plan::InstallBinary step;
  step.tool = std::string(core::install::to_string(o.tool));
  step.version = version.str();
  for (const auto& c : candidates) {
    step.candidates.push_back({c.source, c.url, c.checksum_urls});
  }
  step.path = path;
  step.backup = backup;
  auto version_command = core::install::version_command(o.tool);
  step.version_args = std::move(version_command.args);
  step.version_env = std::move(version_command.env);
  step.attempts = o.retries + 1;
  step.stall_timeout = o.stall_timeout;
  return step;
}

} // namespace

util::Result<InstallResult> install_tool(const Ports& ports, const InstallOptions& o, exec::Executor& executor,
                                         ports::Reporter& reporter)
{
  const std::string name(core::install::to_string(o.tool));
  const std::string& dir = o.dir;
  if (const auto dir_kind = ports.fs.kind(dir);
      dir_kind != ports::FileKind::directory && dir_kind != ports::FileKind::missing) {
    return util::failure(util::quoted(dir) + " is not a directory", "pass --dir DIR");
  }
  DEVK8S_TRY(const auto catalog, load_sources(ports.fs, o.config_dir, o.downloads_files));
  std::string chosen = o.mirror;
  // DEVK8S_MIRROR names an image mirror map; use it for downloads only where a source has that name.
  if (chosen.empty() && !o.default_mirror.empty() && catalog.find(o.default_mirror) != nullptr) {
    chosen = o.default_mirror;
  }
  DEVK8S_TRY(const auto order, catalog.order(chosen));
  DEVK8S_TRY(const auto version, wanted_version(ports, o, order, reporter));
  const auto candidates = core::install::candidates(order, o.tool, version.str(), host_platform());
  if (candidates.empty()) {
    return util::failure("no download source has " + name + ": " + util::join(catalog.names(), ", "),
                         "add one with --downloads-file FILE (see " + util::schema_readme("Download sources") + ")");
  }

  InstallResult result{name, version, dir + (dir.back() == '/' ? "" : "/") + name, {}, false, on_path(o.search_path, dir), {}};
  const auto kind = ports.fs.kind(result.path);
  if (kind == ports::FileKind::directory || kind == ports::FileKind::other) {
    return util::failure(result.path + " exists and is not a file", "remove it or pass --dir DIR");
  }
  if (kind == ports::FileKind::regular) {
    auto existing = binary_version(ports.runner, result.path, o.tool);
    if (existing && *existing == version && !o.force) {
      result.already_installed = true;
      return result;
    }
    // The package manager would overwrite our binary on its next upgrade, or trip over it: not
    // even --force replaces its files (issue #9, finding 4).
    if (const std::string owner = package_owner(ports.runner, result.path); !owner.empty()) {
      return util::failure(owner + ": refusing to replace it", "install into ~/.local/bin instead (leave out --dir), "
                                                               "and put ~/.local/bin first on PATH");
    }
    if (!o.force) {
      const std::string what = existing ? name + " " + existing->str() : "a file that is not a working " + name;
      return util::failure(result.path + " is " + what + ", not " + version.str() + ": refusing to replace it",
                           "add --force to replace it (the old one is kept as " +
                               exec::first_free_path(ports.fs, result.path + ".old") + ")");
    }
    result.backup = result.path + ".old";
  }

  result.plan = core::plan::Plan{
      "Install " + name + " " + version.str(),
      {core::plan::Step{"install " + name + " " + version.str() + " to " + result.path,
                        install_step(o, version, candidates, result.path, result.backup), ""}}};
  exec::assign_free_backups(result.plan, ports.fs); // NAME.old from an earlier --force is kept
  result.backup = std::get<core::plan::InstallBinary>(result.plan.steps.front().action).backup;
  if (auto applied = executor.execute(result.plan); !applied) {
    return applied.error();
  }
  return result;
}

} // namespace devk8s::app
