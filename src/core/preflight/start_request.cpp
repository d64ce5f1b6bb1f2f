#include "core/preflight/start_request.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace devk8s::core::preflight {

namespace {

struct DefaultKubernetes {
  const char* minikube;
  const char* kubernetes;
};

// pkg/minikube/constants DefaultKubernetesVersion at the tags devk8s has checked
// (../shared/reference/minikube.md §2). Other minikube versions: the skew check needs
// --kubernetes-version.
constexpr std::array<DefaultKubernetes, 2> k_default_kubernetes{{
    {"v1.20.0", "v1.20.2"},
    {"v1.38.1", "v1.35.1"},
}};

} // namespace

bool is_known_linux_driver(const std::string& driver)
{
  static const char* const k_drivers[] = {"docker", "podman", "none", "ssh", "kvm2", "qemu2", "virtualbox", "vmware"};
  for (const char* d : k_drivers) {
    if (driver == d) {
      return true;
    }
  }
  return false;
}

bool is_kic_driver(const std::string& driver)
{
  return driver == "docker" || driver == "podman";
}

std::optional<int> planned_cpus(const HostFacts& facts, const StartRequest& request)
{
  if (request.cpus) {
    return request.cpus;
  }
  const auto cpus = effective_cpus(facts.cpu);
  if (cpus.known() && *cpus.value < k_minimum_cpus) {
    return std::max(1, static_cast<int>(std::floor(*cpus.value)));
  }
  return std::nullopt;
}

std::optional<std::uint64_t> largest_safe_memory_mib(const HostFacts& facts)
{
  const auto memory = effective_memory_bytes(facts.memory);
  if (!memory.known()) {
    return std::nullopt;
  }
  const std::uint64_t mib = *memory.value / k_mib;
  return mib > k_system_overhead_mib ? mib - k_system_overhead_mib : 0;
}

std::optional<Version> planned_kubernetes_version(const HostFacts& facts, const StartRequest& request)
{
  if (request.kubernetes_version) {
    return request.kubernetes_version;
  }
  if (!request.kubernetes_channel.empty() || !facts.minikube.version) {
    return std::nullopt;
  }
  for (const auto& entry : k_default_kubernetes) {
    if (Version::parse(entry.minikube).value() == *facts.minikube.version) {
      return Version::parse(entry.kubernetes).value();
    }
  }
  return std::nullopt;
}

std::string minikube_home_dir(const std::string& minikube_home_env, const std::string& home_env)
{
  std::string base = minikube_home_env.empty() ? home_env : minikube_home_env;
  while (base.size() > 1 && base.back() == '/') {
    base.pop_back();
  }
  if (base.empty()) {
    return "/";
  }
  const std::string leaf = base.substr(base.rfind('/') + 1);
  return leaf == ".minikube" ? base : (base == "/" ? "" : base) + "/.minikube";
}

std::string format_mib(std::uint64_t bytes)
{
  return std::to_string(bytes / k_mib) + " MiB";
}

std::string format_cpus(double cpus)
{
  if (std::floor(cpus) == cpus) {
    return std::to_string(static_cast<long long>(cpus));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", cpus);
  return buffer;
}

} // namespace devk8s::core::preflight
