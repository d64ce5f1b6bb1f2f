#include "core/preflight/minikube_flags.hpp"

#include "core/minikube/capabilities.hpp"
#include "core/preflight/memory_size.hpp"
#include "core/preflight/rules/rules.hpp"
#include "util/strings.hpp"

#include <cmath>
#include <cstdint>
#include <optional>

namespace devk8s::core::preflight {

namespace {

// In a container with limits (a CI job on a large host), minikube sizes its cluster from what the
// driver reports, which is the host's CPUs and memory (docker info), not what the job may use.
// The limits then decide: whole CPUs of the quota (at least minikube's 2; fewer is planned_cpus'
// case), and the memory limit less the host's overhead when that still reaches minikube's 1800 MB
// (below it, the memory rule says what to do).
std::optional<int> cgroup_cpus(const HostFacts& facts)
{
  const auto& quota = facts.cpu.quota;
  if (!quota.known() || !quota.value->limited) {
    return std::nullopt;
  }
  const int cpus = static_cast<int>(std::floor(quota.value->value));
  const int host = facts.cpu.online.known() ? *facts.cpu.online.value : 0;
  if (cpus < k_minimum_cpus || (host > 0 && cpus >= host)) {
    return std::nullopt;
  }
  return cpus;
}

std::optional<std::uint64_t> cgroup_memory_mib(const HostFacts& facts)
{
  const auto& limit = facts.memory.limit;
  if (!limit.known() || !limit.value->limited || !facts.memory.total_bytes.known() ||
      limit.value->value >= static_cast<double>(*facts.memory.total_bytes.value)) {
    return std::nullopt;
  }
  const auto safe = largest_safe_memory_mib(facts);
  constexpr std::uint64_t k_minikube_minimum_mib = std::uint64_t{1800} * 1000 * 1000 / (1024 * 1024); // 1800 MB
  if (!safe || *safe < k_minikube_minimum_mib) {
    return std::nullopt;
  }
  return safe;
}

void add_mirror_flags(const StartRequest& request, std::vector<PlannedFlag>& flags)
{
  if (!request.mirror) {
    return;
  }
  const auto& mk = request.mirror->minikube;
  const std::string name = request.mirror->name;
  // minikube maps country cn to constants.AliyunMirror (in v1.20.0 and at HEAD), and its own
  // addon-image fixes match exactly that string.
  const auto aliyun = minikube::k_aliyun_mirror;
  if (mk.image_mirror_country == "cn" && (mk.image_repository.empty() || mk.image_repository == aliyun)) {
    flags.push_back({"--image-mirror-country=cn",
                     "mirror " + name + ": minikube maps country cn to " + std::string(aliyun) +
                         ", the exact repository its own addon-image fixes recognise"});
  } else if (!mk.image_repository.empty()) {
    flags.push_back({"--image-repository=" + mk.image_repository,
                     "mirror " + name + ": control-plane and addon images from this repository" +
                         (mk.image_mirror_country.empty() ? std::string()
                                                          : " (minikube knows no country " +
                                                                util::quoted(mk.image_mirror_country) + ")")});
  }
}

bool below_cpu_minimum(const HostFacts& facts, const StartRequest& request)
{
  const auto planned = planned_cpus(facts, request);
  if (planned && *planned < k_minimum_cpus) {
    return true;
  }
  if (is_kic_driver(request.driver) && facts.docker_daemon.known() && facts.docker_daemon.value->ncpu < k_minimum_cpus) {
    return true;
  }
  const auto cpus = effective_cpus(facts.cpu);
  return cpus.known() && *cpus.value < k_minimum_cpus;
}

} // namespace

std::vector<std::string> MinikubeCommand::argv() const
{
  std::vector<std::string> out{"minikube", "start"};
  for (const auto& f : flags) {
    out.push_back(f.flag);
  }
  return out;
}

MinikubeCommand plan_minikube_start(const HostFacts& facts, const StartRequest& request,
                                    const std::vector<Finding>& findings)
{
  MinikubeCommand command;
  auto& flags = command.flags;
  if (!request.profile.empty()) {
    flags.push_back({"--profile=" + request.profile, "the profile (cluster) name you chose"});
  }
  flags.push_back({"--driver=" + request.driver,
                   request.driver_given ? "the driver you chose"
                                        : "minikube's preferred driver on Linux, made explicit so the run does not "
                                          "depend on auto-detection"});
  if (request.driver == "docker" && facts.docker_daemon.known() && facts.docker_daemon.value->rootless) {
    flags.push_back({"--container-runtime=containerd", "Docker runs rootless; minikube supports that only with containerd"});
  }
  if (const auto cpus = planned_cpus(facts, request)) {
    flags.push_back({"--cpus=" + std::to_string(*cpus),
                     request.cpus ? "the CPU count you asked for"
                                  : "this host gives fewer than minikube's default of 2 CPUs"});
  } else if (const auto limited = cgroup_cpus(facts)) {
    flags.push_back({"--cpus=" + std::to_string(*limited),
                     "this cgroup's CPU quota (a container's or CI job's limit): minikube would count the host's CPUs"});
  }
  if (request.memory_mib) {
    flags.push_back({"--memory=" + format_memory_flag(*request.memory_mib), "the memory you asked for, in MiB"});
  } else if (const auto limited = cgroup_memory_mib(facts)) {
    flags.push_back({"--memory=" + format_memory_flag(*limited),
                     "this cgroup's memory limit less 1024 MiB for the host (a container's or CI job's limit): "
                     "minikube would size from the host's memory"});
  }
  if (request.kubernetes_version) {
    flags.push_back({"--kubernetes-version=" + request.kubernetes_version->str(), "the Kubernetes version you asked for"});
  } else if (!request.kubernetes_channel.empty()) {
    flags.push_back({"--kubernetes-version=" + request.kubernetes_channel,
                     "the channel you asked for; minikube resolves it, so kubectl skew is not checked"});
  }
  add_mirror_flags(request, flags);

  std::vector<std::string> forced;
  for (const auto& f : findings) {
    if (f.severity == finding::Severity::fail && f.forceable) {
      forced.push_back(f.id);
    }
  }
  if (!forced.empty()) {
    flags.push_back({"--force", "minikube exits on these unless forced: " + util::join(forced, ", ")});
  }
  const auto caps = rules::minikube_capabilities(facts);
  if (below_cpu_minimum(facts, request) && !(caps && caps->ignores_numcpu_itself)) {
    flags.push_back({"--extra-config=kubeadm.ignore-preflight-errors=NumCPU",
                     "fewer than 2 CPUs: kubeadm's NumCPU preflight check would stop kubeadm init (minikube adds "
                     "this itself only from v1.29.0)"});
  }
  return command;
}

} // namespace devk8s::core::preflight
