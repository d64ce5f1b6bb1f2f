// Parsers for the Linux files the host probe reads: /proc/meminfo, /proc/self/status,
// /proc/self/cgroup, /proc/mounts, /proc/cgroups and cgroup v1/v2 interface files
// (https://docs.kernel.org/admin-guide/cgroup-v2.html, .../cgroup-v1/). Text in, values out.
#pragma once

#include "core/preflight/host_facts.hpp"
#include "util/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::preflight {

/// "MemTotal:  1876992 kB" lines → name → bytes.
std::map<std::string, std::uint64_t> parse_meminfo(std::string_view text);

/// The value of "Name:\tvalue" in /proc/self/status, trimmed; empty when absent.
std::string status_field(std::string_view status, std::string_view name);

/// "0-3,5,7-8" → 7. Rejects malformed lists.
util::Result<int> count_cpu_list(std::string_view list);

/// cgroup v2 cpu.max "$MAX $PERIOD" ("max 100000" = no limit) → CPUs.
util::Result<CgroupLimit> parse_cpu_max(std::string_view text);
/// cgroup v1 cpu.cfs_quota_us (-1 = no limit) and cpu.cfs_period_us → CPUs.
util::Result<CgroupLimit> parse_cfs_quota(std::string_view quota, std::string_view period);
/// cgroup v2 memory.max ("max") or v1 memory.limit_in_bytes (a page-rounded LONG_MAX = no limit) → bytes.
util::Result<CgroupLimit> parse_memory_limit(std::string_view text);

struct ProcCgroupLine {
  int hierarchy = 0;
  std::vector<std::string> controllers; ///< empty for the v2 "0::" line
  std::string path;
};
/// /proc/self/cgroup: "hierarchy-ID:controller-list:cgroup-path" per line.
std::vector<ProcCgroupLine> parse_proc_cgroup(std::string_view text);

struct Mount {
  std::string device;
  std::string mount_point;
  std::string fs_type;
  std::vector<std::string> options;
  bool has_option(std::string_view option) const;
};
/// /proc/mounts (fstab format); octal escapes such as \040 are decoded.
std::vector<Mount> parse_mounts(std::string_view text);

struct CgroupSubsystem {
  std::string name;
  bool enabled = false;
};
/// /proc/cgroups: "#subsys_name hierarchy num_cgroups enabled".
std::vector<CgroupSubsystem> parse_proc_cgroups(std::string_view text);

} // namespace devk8s::core::preflight
