#include "adapters/host/linux_host_probe.hpp"

#include "adapters/host/host_files.hpp"
#include "core/install/version_command.hpp"
#include "core/preflight/tool_output.hpp"
#include "util/shell_quote.hpp"
#include "util/strings.hpp"

#include <future>
#include <map>
#include <sys/stat.h>

namespace devk8s::adapters {

namespace pf = core::preflight;

namespace {

using Parser = util::Result<core::Version> (*)(std::string_view);

pf::ToolFacts run_tool(ports::ProcessRunner& runner, const std::string& name, std::vector<std::string> argv,
                       Parser parse, std::chrono::milliseconds timeout, std::map<std::string, std::string> env = {})
{
  pf::ToolFacts tool;
  tool.name = name;
  tool.command = util::shell_join(argv);
  ports::Command command;
  command.argv = std::move(argv);
  command.env = std::move(env);
  command.timeout = timeout;
  auto result = runner.run(command);
  if (!result) {
    tool.state = pf::ToolState::missing;
    tool.detail = result.error().message;
    return tool;
  }
  if (result->timed_out) {
    tool.state = pf::ToolState::timed_out;
    tool.detail = "no answer within " + std::to_string(timeout.count()) + " ms; stopped";
    return tool;
  }
  // docker prints its client version and exits 1 when the daemon is down: judge the output.
  auto version = parse(result->out);
  if (version) {
    tool.state = pf::ToolState::found;
    tool.version = *version;
    tool.detail = std::string(util::first_line(result->out));
    return tool;
  }
  tool.state = pf::ToolState::failed;
  tool.detail = "exit " + std::to_string(result->exit_code) + ": " +
                (result->err.empty() ? version.error().message : std::string(util::first_line(result->err)));
  return tool;
}

} // namespace

LinuxHostProbe::LinuxHostProbe(ports::ProcessRunner& runner, ports::HttpClient& http, LinuxHostProbeOptions options)
  : m_runner(runner), m_http(http), m_options(std::move(options))
{
}

pf::HostFacts LinuxHostProbe::probe(const ports::ProbeRequest& ask)
{
  // The three version calls are independent and each may take a second on a small host, so
  // they run at once; each has its own timeout, so none can hold the probe longer.
  const auto timeout = m_options.tool_timeout;
  auto minikube = std::async(std::launch::async, [this, timeout] {
    auto version = core::install::version_command(core::install::Tool::minikube);
    version.args.insert(version.args.begin(), "minikube");
    return run_tool(m_runner, "minikube", std::move(version.args), pf::parse_minikube_version_json, timeout);
  });
  auto kubectl = std::async(std::launch::async, [this, timeout] {
    auto version = core::install::version_command(core::install::Tool::kubectl);
    version.args.insert(version.args.begin(), "kubectl");
    return run_tool(m_runner, "kubectl", std::move(version.args), pf::parse_kubectl_client_version_json, timeout,
                    std::move(version.env));
  });
  auto docker = std::async(std::launch::async, [this, timeout] {
    return run_tool(m_runner, "docker", {"docker", "version", "--format", "{{.Client.Version}}"},
                    pf::parse_docker_client_version, timeout);
  });

  pf::HostFacts facts;
  host::read_host_files(m_options.root, facts);
  facts.minikube_home = host::disk_free(m_options.root, ask.minikube_home);

  auto endpoint = pf::parse_docker_host(ask.docker_host, ask.docker_tls);
  facts.docker_endpoint = endpoint ? endpoint->display : ask.docker_host;
  if (!ask.check_docker) {
    facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown("not asked: the driver is not docker");
  } else if (!endpoint) {
    facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown(endpoint.error().message);
  } else if (struct stat st {}; !endpoint->unix_socket.empty() && ::stat(endpoint->unix_socket.c_str(), &st) != 0) {
    facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown("no socket at " + endpoint->unix_socket);
  } else {
    ports::HttpRequest request;
    request.url = endpoint->base_url + "/info";
    request.unix_socket = endpoint->unix_socket;
    request.timeout = m_options.docker_timeout;
    request.connect_timeout = m_options.docker_timeout;
    if (ask.docker_tls && !ask.docker_cert_path.empty()) {
      request.ca_file = ask.docker_cert_path + "/ca.pem";
      request.client_cert = ask.docker_cert_path + "/cert.pem";
      request.client_key = ask.docker_cert_path + "/key.pem";
    }
    const auto response = m_http.perform(request);
    const std::string source = "GET /info " + endpoint->display;
    if (!response.ok()) {
      facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown(std::string(ports::to_string(response.transport)) + ": " +
                                                              response.transport_message);
    } else if (response.status != 200) {
      facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown("HTTP " + std::to_string(response.status) + ": " +
                                                              std::string(util::first_line(response.body)));
    } else if (auto info = pf::parse_docker_info(response.body)) {
      facts.docker_daemon = pf::Fact<pf::DockerInfo>::of(*info, source);
    } else {
      facts.docker_daemon = pf::Fact<pf::DockerInfo>::unknown(info.error().message);
    }
  }
  const std::string docker_root = facts.docker_daemon.known() && !facts.docker_daemon.value->root_dir.empty()
                                      ? facts.docker_daemon.value->root_dir
                                      : "/var/lib/docker";
  facts.docker_root = host::disk_free(m_options.root, docker_root);

  facts.minikube = minikube.get();
  facts.kubectl = kubectl.get();
  facts.docker = docker.get();
  return facts;
}

} // namespace devk8s::adapters
