// HostFacts: one snapshot of what this host offers minikube, gathered once by a HostProbe
// (ports/host_probe.hpp) and judged by the pure rules. Plain values only; every value may be
// unknown, and then says why, so a rule can report it instead of guessing.
#pragma once

#include "core/version.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::preflight {

/// A value and where it was read ("/proc/meminfo MemTotal"), or the reason it is unknown.
template <typename T>
struct Fact {
  std::optional<T> value;
  std::string source;  ///< where the value came from
  std::string reason;  ///< why it is unknown (empty when known)

  bool known() const { return value.has_value(); }
  static Fact of(T v, std::string where) { return Fact{std::move(v), std::move(where), {}}; }
  static Fact unknown(std::string why) { return Fact{std::nullopt, {}, std::move(why)}; }
};

/// A cgroup limit: `limited` false means "max" (v2) or the v1 no-limit sentinel.
struct CgroupLimit {
  bool limited = false;
  double value = 0; ///< CPUs for a CPU quota, bytes for memory
};

enum class CgroupVersion { v1, v2, hybrid };
const char* to_string(CgroupVersion version);

struct CpuFacts {
  Fact<int> online;         ///< /sys/devices/system/cpu/online
  Fact<int> affinity;       ///< Cpus_allowed_list in /proc/self/status
  Fact<CgroupLimit> quota;  ///< v2 cpu.max or v1 cfs_quota_us/cfs_period_us, tightest up the tree
};

struct MemoryFacts {
  Fact<std::uint64_t> total_bytes;     ///< MemTotal
  Fact<std::uint64_t> available_bytes; ///< MemAvailable
  Fact<std::uint64_t> swap_bytes;      ///< SwapTotal
  Fact<CgroupLimit> limit;             ///< v2 memory.max or v1 memory.limit_in_bytes
  Fact<bool> swap_accounting;          ///< v2 memory.swap.max present / v1 memory.memsw.* present
};

struct CgroupFacts {
  Fact<CgroupVersion> version;
  /// Controllers this process can use: v2 cgroup.controllers at its own level, v1 the enabled
  /// and mounted subsystems of /proc/cgroups.
  Fact<std::vector<std::string>> controllers;
  bool has(const std::string& controller) const;
};

struct DiskFacts {
  std::string path;                 ///< the directory asked about
  Fact<std::uint64_t> free_bytes;   ///< statvfs f_bavail * f_frsize of it or its nearest existing parent
};

enum class ToolState { found, missing, timed_out, failed };
const char* to_string(ToolState state);

struct ToolFacts {
  std::string name;      ///< "minikube", "kubectl", "docker"
  std::string command;   ///< what was run, shell-quoted, for the evidence
  ToolState state = ToolState::missing;
  std::optional<Version> version;
  std::string detail;    ///< the version text, or why it failed (first line of stderr, timeout)
};

/// The Docker daemon's own view, from GET /info (Docker Engine API SystemInfo).
struct DockerInfo {
  int ncpu = 0;
  std::uint64_t mem_total = 0;
  std::string server_version;
  std::string cgroup_version; ///< "1" or "2"
  std::string cgroup_driver;  ///< "cgroupfs", "systemd", "none"
  bool memory_limit = false;
  bool swap_limit = false;
  bool rootless = false;      ///< SecurityOptions contains "name=rootless"
  std::string root_dir;       ///< DockerRootDir
  std::string kernel_version;
  std::string operating_system;
};

struct HostFacts {
  CpuFacts cpu;
  MemoryFacts memory;
  CgroupFacts cgroup;
  Fact<std::string> kernel;
  Fact<int> uid;
  DiskFacts minikube_home;
  DiskFacts docker_root;
  ToolFacts minikube;
  ToolFacts kubectl;
  ToolFacts docker;
  std::string docker_endpoint; ///< "unix:///var/run/docker.sock" or "tcp://..."
  Fact<DockerInfo> docker_daemon;
};

/// CPUs this process can use: the affinity count, lowered by a cgroup quota.
Fact<double> effective_cpus(const CpuFacts& cpu);
/// Memory this process can use: MemTotal, lowered by a cgroup limit.
Fact<std::uint64_t> effective_memory_bytes(const MemoryFacts& memory);

constexpr std::uint64_t k_mib = 1024 * 1024;

} // namespace devk8s::core::preflight
