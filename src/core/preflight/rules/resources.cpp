// CPU, memory and disk against minikube's thresholds (cmd/minikube/cmd/start.go
// validateCPUCount, validateRequestedMemorySize, validateMemoryHardLimit).
#include "core/preflight/rules/rules.hpp"

#include "core/preflight/memory_size.hpp"

#include <cmath>

namespace devk8s::core::preflight::rules {

namespace {

// devk8s's own thresholds; minikube checks no free space for the docker driver. The seed
// transcript's base image alone was 358 MiB, the control-plane images and the node's /var come on
// top: under 2 GiB a start cannot finish, under 10 GiB the first image pulls can fill the disk.
constexpr std::uint64_t k_disk_warn_bytes = 10ull << 30;
constexpr std::uint64_t k_disk_fail_bytes = 2ull << 30;

// minikube exits on these unless --force (start.go exitIfNotForced), so the planned command carries
// it; the action offers the real fix first and says that devk8s forces past it otherwise.
Finding forceable(Finding f)
{
  f.forceable = true;
  return f;
}

std::string or_keep(const std::string& flag)
{
  return "; or keep " + flag + " with --force (devk8s adds it)";
}

void check_cpu(const HostFacts& facts, const StartRequest& request, Findings& out)
{
  const auto cpus = effective_cpus(facts.cpu);
  if (!cpus.known()) {
    out.push_back(about_host("cpu.host", Severity::warn, "cpu",
                             "cannot tell how many CPUs this host gives: " + cpus.reason, {"unknown", ""},
                             "check that /proc and /sys are mounted"));
  } else if (*cpus.value < k_minimum_cpus) {
    out.push_back(forceable(about_host("cpu.host", Severity::fail, "cpu",
                                       "this host gives " + format_cpus(*cpus.value) +
                                           " CPU; Kubernetes (kubeadm's NumCPU check) requires at least 2",
                                       {format_cpus(*cpus.value) + " CPU", cpus.source},
                                       low_cpu_flags(facts) + " (devk8s adds them), or give the host 2 CPUs")));
  } else {
    out.push_back(about_host("cpu.host", Severity::ok, "cpu", "this host gives " + format_cpus(*cpus.value) + " CPUs",
                             {format_cpus(*cpus.value) + " CPUs", cpus.source}));
  }

  const auto planned = planned_cpus(facts, request);
  const int asked = planned.value_or(k_minimum_cpus);
  const std::string where = request.cpus ? "--cpus" : (planned ? "host limit; --cpus not given" : "minikube default");
  const Evidence evidence{std::to_string(asked) + " CPU" + (asked == 1 ? "" : "s"), where};
  if (asked < k_minimum_cpus) {
    out.push_back(
        forceable(about_host("cpu.request", Severity::fail, "cpu",
                             "requested cpu count " + std::to_string(asked) + " is less than the minimum allowed of 2",
                             evidence, low_cpu_flags(facts) + " (devk8s adds them)")));
  } else if (cpus.known() && asked > *cpus.value) {
    out.push_back(
        about_host("cpu.request", Severity::fail, "cpu",
                   "requested " + std::to_string(asked) + " CPUs but this host gives only " + format_cpus(*cpus.value),
                   evidence, "--cpus=" + format_cpus(std::floor(*cpus.value))));
  } else {
    out.push_back(
        about_host("cpu.request", Severity::ok, "cpu", "requested " + std::to_string(asked) + " CPUs", evidence));
  }
}

void check_memory(const HostFacts& facts, const StartRequest& request, Findings& out)
{
  const auto memory = effective_memory_bytes(facts.memory);
  if (!memory.known()) {
    out.push_back(about_host("memory.host", Severity::warn, "memory",
                             "cannot tell how much memory this host has: " + memory.reason, {"unknown", ""},
                             "check that /proc/meminfo is readable"));
    return;
  }
  const std::uint64_t total_mib = *memory.value / k_mib;
  const std::uint64_t safe_mib = *largest_safe_memory_mib(facts);
  const Evidence host{format_mib(*memory.value), memory.source};
  if (total_mib < k_min_usable_mib) {
    out.push_back(forceable(about_host("memory.host", Severity::fail, "memory",
                                       "this host has " + std::to_string(total_mib) +
                                           " MiB, less than minikube's usable minimum of 1800 MB",
                                       host, "give the host more memory; or --force (devk8s adds it)")));
  } else {
    std::string message = "this host has " + std::to_string(total_mib) + " MiB";
    if (memory.source != facts.memory.total_bytes.source && facts.memory.total_bytes.known()) {
      message += " (a cgroup limit; the machine has " + format_mib(*facts.memory.total_bytes.value) + ")";
    }
    out.push_back(about_host("memory.host", Severity::ok, "memory", message, host));
  }

  if (!request.memory_mib) {
    if (safe_mib < k_min_recommended_mib) {
      out.push_back(
          about_host("memory.headroom", Severity::warn, "memory",
                     "no --memory value both reaches the 1900 MB recommended minimum and leaves 1024 MiB to the "
                     "system; minikube's default may not fit",
                     host, "pass --memory explicitly (at most " + format_memory_flag(safe_mib) + " leaves room)"));
    }
    return;
  }
  const std::uint64_t asked = *request.memory_mib;
  const Evidence requested{std::to_string(asked) + " MiB", "--memory"};
  const std::string safe_text = "the largest value that leaves 1024 MiB to the system is --memory=" +
                                format_memory_flag(safe_mib);
  const std::string asked_flag = "--memory=" + format_memory_flag(asked);
  if (asked > total_mib) {
    out.push_back(forceable(about_host("memory.request", Severity::fail, "memory",
                                       "requested " + std::to_string(asked) + " MiB but this host has only " +
                                           std::to_string(total_mib) + " MiB",
                                       requested, "--memory=" + format_memory_flag(safe_mib) + or_keep(asked_flag))));
  }
  if (asked < k_min_usable_mib) {
    // Either way the printed command keeps the value asked for: it is the user's request, and
    // --force gets minikube past it (minikube.md §4: "request <1800" is forceable).
    std::string action = "--memory=1800mb or more (up to --memory=" + format_memory_flag(safe_mib) +
                         " leaves 1024 MiB to the system)" + or_keep(asked_flag);
    if (safe_mib < k_min_usable_mib) {
      action = "no value fits this host: " + safe_text + ", below 1800; keep " + asked_flag +
               " with --force (devk8s adds it)";
    }
    out.push_back(forceable(about_host("memory.minimum", Severity::fail, "memory",
                                       "requested memory allocation " + std::to_string(asked) +
                                           " MiB is less than the usable minimum of 1800 MB",
                                       requested, action)));
  }
  if (asked < k_min_recommended_mib) {
    out.push_back(about_host("memory.recommended", Severity::warn, "memory",
                             "requested memory allocation " + std::to_string(asked) +
                                 " MiB is less than the recommended minimum 1900 MB; deployments may fail",
                             requested, "--memory=1900mb or more where the host allows it"));
  }
  if (asked > safe_mib) {
    out.push_back(about_host(
        "memory.overhead", Severity::warn, "memory",
        "requested " + std::to_string(asked) + " MiB does not leave room for system overhead (total " +
            std::to_string(total_mib) + " MiB)",
        {std::to_string(asked) + " MiB of " + std::to_string(total_mib) + " MiB", "--memory, " + memory.source},
        safe_text));
  } else if (asked >= k_min_recommended_mib) {
    out.push_back(about_host("memory.request", Severity::ok, "memory",
                             "requested " + std::to_string(asked) + " MiB leaves " + std::to_string(total_mib - asked) +
                                 " MiB to the system",
                             requested));
  }
}

void check_disk(const DiskFacts& disk, const std::string& id, const std::string& what, Findings& out)
{
  if (!disk.free_bytes.known()) {
    out.push_back(about_host(id, Severity::warn, "disk",
                             "cannot tell the free space for " + what + ": " + disk.free_bytes.reason,
                             {"unknown", disk.path}, "check that " + disk.path + " (or its parent) is readable"));
    return;
  }
  const std::uint64_t free = *disk.free_bytes.value;
  const Evidence evidence{std::to_string(free >> 20) + " MiB free", disk.free_bytes.source};
  if (free < k_disk_fail_bytes) {
    out.push_back(about_host(id, Severity::fail, "disk",
                             what + " has less than 2 GiB free; the node image and Kubernetes images will not fit",
                             evidence, "free space under " + disk.path));
  } else if (free < k_disk_warn_bytes) {
    out.push_back(about_host(id, Severity::warn, "disk", what + " has less than 10 GiB free; image pulls may fill it",
                             evidence, "free space under " + disk.path));
  } else {
    out.push_back(
        about_host(id, Severity::ok, "disk", what + " has " + std::to_string(free >> 30) + " GiB free", evidence));
  }
}

} // namespace

std::string low_cpu_flags(const HostFacts& facts)
{
  if (const auto caps = minikube_capabilities(facts); caps && caps->ignores_numcpu_itself) {
    return "--force";
  }
  return "--force --extra-config=kubeadm.ignore-preflight-errors=NumCPU";
}

Findings check_resources(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  check_cpu(facts, request, out);
  check_memory(facts, request, out);
  check_disk(facts.minikube_home, "disk.minikube_home", "the minikube home", out);
  if (is_kic_driver(request.driver) && facts.docker_daemon.known()) {
    check_disk(facts.docker_root, "disk.docker_root", "Docker's root directory", out);
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
