// The Docker daemon as the docker driver sees it: its own NCPU and MemTotal (not the host's)
// bound what the node container gets (start.go validateCPUCount / validateRequestedMemorySize).
#include "core/preflight/rules/rules.hpp"

#include "core/preflight/memory_size.hpp"

namespace devk8s::core::preflight::rules {

Findings check_docker(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  if (request.driver != "docker") {
    return out;
  }
  const ToolFacts& cli = facts.docker;
  if (cli.state == ToolState::missing) {
    out.push_back(about_host("docker.client", Severity::fail, "docker",
                             "the docker CLI is not on PATH; the docker driver needs it", {"not found", "PATH"},
                             "install Docker Engine: https://docs.docker.com/engine/install/"));
  } else if (cli.state == ToolState::found && cli.version) {
    out.push_back(
        about_host("docker.client", Severity::ok, "docker", "docker CLI " + cli.detail, {cli.detail, cli.command}, ""));
  } else {
    out.push_back(about_host("docker.client", Severity::warn, "docker", "the docker CLI does not answer: " + cli.detail,
                             {std::string(to_string(cli.state)), cli.command}, "check that " + cli.command + " runs"));
  }
  if (!facts.docker_daemon.known()) {
    out.push_back(
        about_host("docker.daemon", Severity::fail, "docker",
                   "cannot reach the Docker daemon at " + facts.docker_endpoint + ": " + facts.docker_daemon.reason,
                   {"no answer", "GET /info " + facts.docker_endpoint},
                   "start it (sudo systemctl start docker) and make sure your user may use it "
                   "(sudo usermod -aG docker $USER, then log in again); or choose another --driver"));
    return out;
  }
  const DockerInfo& info = *facts.docker_daemon.value;
  const std::string source = facts.docker_daemon.source;
  out.push_back(about_host("docker.daemon", Severity::ok, "docker",
                           "Docker " + info.server_version + " answers (cgroup " + info.cgroup_version + ", driver " +
                               info.cgroup_driver + ")",
                           {info.server_version, source}, ""));

  const Evidence ncpu{std::to_string(info.ncpu) + " CPU" + (info.ncpu == 1 ? "" : "s"), source + " NCPU"};
  const auto cpus = planned_cpus(facts, request).value_or(k_minimum_cpus);
  if (info.ncpu < k_minimum_cpus) {
    out.push_back(about_host("docker.cpus", Severity::fail, "docker",
                             "Docker has " + std::to_string(info.ncpu) + " CPU; Kubernetes requires at least 2", ncpu,
                             low_cpu_flags(facts) + " (devk8s adds them)", true));
  } else if (cpus > info.ncpu) {
    out.push_back(
        about_host("docker.cpus", Severity::fail, "docker",
                   "requested " + std::to_string(cpus) + " CPUs but Docker has only " + std::to_string(info.ncpu), ncpu,
                   "--cpus=" + std::to_string(info.ncpu) + "; or keep --cpus=" + std::to_string(cpus) +
                       " with --force (devk8s adds it)",
                   true));
  } else {
    out.push_back(about_host("docker.cpus", Severity::ok, "docker", "Docker has " + std::to_string(info.ncpu) + " CPUs",
                             ncpu, ""));
  }

  const std::uint64_t mem_mib = info.mem_total / k_mib;
  const Evidence mem{format_mib(info.mem_total), source + " MemTotal"};
  if (mem_mib < k_min_usable_mib) {
    out.push_back(about_host("docker.memory", Severity::fail, "docker",
                             "Docker has " + std::to_string(mem_mib) + " MiB, less than the usable minimum of 1800 MB",
                             mem, "give Docker (or its VM) more memory; or --force (devk8s adds it)", true));
  } else if (request.memory_mib && *request.memory_mib > mem_mib) {
    out.push_back(about_host(
        "docker.memory", Severity::fail, "docker",
        "Docker has only " + std::to_string(mem_mib) + " MiB but --memory asks for " +
            std::to_string(*request.memory_mib) + " MiB",
        mem,
        "--memory=" + format_memory_flag(mem_mib > k_system_overhead_mib ? mem_mib - k_system_overhead_mib : mem_mib) +
            " (--force does not get minikube past this one)"));
  } else {
    out.push_back(
        about_host("docker.memory", Severity::ok, "docker", "Docker has " + std::to_string(mem_mib) + " MiB", mem, ""));
  }
  if (!info.memory_limit) {
    out.push_back(about_host("docker.memory_limit", Severity::warn, "docker",
                             "Docker cannot limit container memory (MemoryLimit false): --memory will not be enforced",
                             {"false", source + " MemoryLimit"}, "enable the memory cgroup controller for Docker"));
  }

  if (info.rootless) {
    const Evidence rootless{"name=rootless", source + " SecurityOptions"};
    if (const auto caps = minikube_capabilities(facts); caps && !caps->rootless_docker) {
      out.push_back(about_host("docker.rootless", Severity::fail, "docker",
                               "Docker runs rootless; minikube " + facts.minikube.version->str() +
                                   " refuses it (rootless Docker is supported since v1.23.0)",
                               rootless, "upgrade minikube to v1.23.0 or later, or use a rootful Docker"));
    } else {
      out.push_back(
          about_host("docker.rootless", Severity::warn, "docker",
                     "Docker runs rootless: minikube needs --container-runtime=containerd and cgroup v2 with the cpu "
                     "and memory controllers delegated",
                     rootless, "--container-runtime=containerd (devk8s adds it)"));
    }
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
