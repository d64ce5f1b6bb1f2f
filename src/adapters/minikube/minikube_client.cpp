#include "adapters/minikube/minikube_client.hpp"

#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace devk8s::adapters {

namespace mk = core::minikube;

namespace {

constexpr std::size_t k_output_tail = 2000;

// The end of what minikube printed: its reason ("X Exiting due to GUEST_NOT_FOUND: ...") comes
// last, after any progress lines. stderr first; some errors (a missing profile) go to stdout.
std::string tail_of(const ports::ProcessResult& result)
{
  const std::string& text = util::trim(result.err).empty() ? result.out : result.err;
  return text.size() > k_output_tail ? "…" + text.substr(text.size() - k_output_tail) : text;
}

std::string last_line(std::string_view text)
{
  std::string_view last;
  for (const auto line : util::split(text, '\n')) {
    if (!util::trim(line).empty()) {
      last = util::trim(line);
    }
  }
  return std::string(last);
}

std::string seconds(std::chrono::milliseconds d)
{
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

// minikube ssh asks for a PTY, so the node's lines come back ending in \r\n.
std::string without_carriage_returns(std::string text)
{
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

} // namespace

MinikubeClient::MinikubeClient(ports::ProcessRunner& runner, MinikubeClientOptions options)
  : m_runner(runner), m_options(std::move(options))
{
}

mk::MinikubeTarget MinikubeClient::target(const std::string& profile, const std::string& node) const
{
  return {m_options.binary, profile, node};
}

util::Result<ports::ProcessResult> MinikubeClient::run(const mk::Argv& argv, std::chrono::milliseconds timeout,
                                                       const std::vector<int>& accepted)
{
  ports::Command command;
  command.argv = argv;
  command.timeout = timeout;
  auto result = m_runner.run(command);
  const std::string shown = "`" + util::shell_join(argv) + "`";
  if (!result) {
    if (result.error().code == util::ExitCode::interrupted) {
      return result.error(); // Ctrl-C before it started: not a missing minikube
    }
    return util::failure(result.error().message, "devk8s install minikube, or put minikube on PATH");
  }
  if (result->cancelled) {
    util::Error e = util::interrupted(shown + " was stopped by Ctrl-C");
    e.output = tail_of(*result);
    return e;
  }
  if (result->timed_out) {
    util::Error e = util::failure(shown + " did not finish within " + seconds(timeout) + " and was stopped");
    e.output = tail_of(*result);
    return e;
  }
  const bool ok = accepted.empty() ? result->exit_code == 0
                                   : std::find(accepted.begin(), accepted.end(), result->exit_code) != accepted.end();
  if (!ok) {
    const std::string tail = tail_of(*result);
    const std::string reason = last_line(tail);
    util::Error e = util::failure(shown + " exited with status " + std::to_string(result->exit_code) +
                                  (reason.empty() ? std::string() : ": " + reason));
    e.output = tail;
    return e;
  }
  return result;
}

template <typename Parse>
auto MinikubeClient::query(const mk::Argv& argv, Parse parse) -> decltype(parse(std::string_view()))
{
  DEVK8S_TRY(const auto result, run(argv, m_options.query_timeout));
  auto parsed = parse(result.out);
  if (!parsed) {
    return parsed.error().wrap("reading the output of `" + util::shell_join(argv) + "`");
  }
  return parsed;
}

util::Result<mk::VersionInfo> MinikubeClient::version()
{
  if (!m_version) {
    DEVK8S_TRY(const auto argv, mk::minikube_argv(target(""), {"version", "-o", "json"}));
    DEVK8S_TRY(m_version, query(argv, mk::parse_version_json));
  }
  return *m_version;
}

util::Result<mk::ProfileList> MinikubeClient::profiles()
{
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(""), {"profile", "list", "-o", "json"}));
  return query(argv, mk::parse_profile_list_json);
}

util::Result<ports::ClusterStatus> MinikubeClient::status(const std::string& profile)
{
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(profile), {"status", "-o", "json"}));
  // Exit bits 1-7 say what is not running; the JSON is printed all the same (status.go).
  DEVK8S_TRY(const auto result, run(argv, m_options.query_timeout, {0, 1, 2, 3, 4, 5, 6, 7}));
  ports::ClusterStatus status;
  DEVK8S_TRY(status.exit, mk::decode_status_exit(result.exit_code));
  auto nodes = mk::parse_status_json(result.out);
  if (!nodes) {
    return nodes.error().wrap("reading the output of `" + util::shell_join(argv) + "`");
  }
  status.nodes = std::move(*nodes);
  return status;
}

util::Result<std::vector<mk::ListedNode>> MinikubeClient::nodes(const std::string& profile)
{
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(profile), {"node", "list"}));
  return query(argv, mk::parse_node_list);
}

util::Result<std::map<std::string, mk::AddonState>> MinikubeClient::addons(const std::string& profile)
{
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(profile), {"addons", "list", "-o", "json"}));
  return query(argv, mk::parse_addons_list_json);
}

util::Result<std::vector<mk::AddonImageRow>> MinikubeClient::addon_images(const std::string& addon)
{
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(""), {"addons", "images", addon}));
  return query(argv, mk::parse_addon_images_table);
}

util::Result<std::string> MinikubeClient::ssh(const std::string& profile, const std::string& node,
                                              const mk::Argv& command)
{
  DEVK8S_TRY(const auto argv, mk::ssh_argv(target(profile, node), command));
  DEVK8S_TRY(auto result, run(argv, m_options.node_timeout));
  return without_carriage_returns(std::move(result.out));
}

util::Result<void> MinikubeClient::image_pull(const std::string& profile, const core::image::ImageRef& image)
{
  DEVK8S_TRY(const auto caps, capabilities());
  DEVK8S_TRY(const auto argv, mk::image_pull_argv(caps, target(profile), image));
  if (auto result = run(argv, m_options.node_timeout); !result) {
    return result.error();
  }
  return {};
}

util::Result<void> MinikubeClient::image_tag(const std::string& profile, const core::image::ImageRef& source,
                                             const core::image::ImageRef& destination)
{
  DEVK8S_TRY(const auto caps, capabilities());
  DEVK8S_TRY(const auto argv, mk::image_tag_argv(caps, target(profile), source, destination));
  if (auto result = run(argv, m_options.node_timeout); !result) {
    return result.error();
  }
  return {};
}

util::Result<std::vector<std::string>> MinikubeClient::image_ls(const std::string& profile)
{
  DEVK8S_TRY(const auto caps, capabilities());
  DEVK8S_TRY(const auto argv, mk::image_ls_argv(caps, target(profile), false));
  DEVK8S_TRY(const auto result, run(argv, m_options.node_timeout));
  std::vector<std::string> images;
  for (const auto line : util::split(result.out, '\n')) {
    if (const auto image = util::trim(line); !image.empty()) {
      images.emplace_back(image);
    }
  }
  return images;
}

util::Result<std::string> MinikubeClient::logs(const std::string& profile, int lines)
{
  // --length/-n has been `logs`' flag since long before v1.20.0 (cmd/minikube/cmd/logs.go).
  DEVK8S_TRY(const auto argv, mk::minikube_argv(target(profile), {"logs", "--length", std::to_string(lines)}));
  DEVK8S_TRY(auto result, run(argv, m_options.node_timeout));
  return std::move(result.out);
}

} // namespace devk8s::adapters
