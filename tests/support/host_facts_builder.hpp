// HostFacts built by hand for rule tests: plain structs, no files. seed_facts() is the seed host
// (tests/fixtures/hosts/seed-host/README.md); laptop_facts() a roomy cgroup v2 machine.
#pragma once

#include "core/preflight/host_facts.hpp"

namespace devk8s::test {

namespace pf = core::preflight;

inline pf::ToolFacts tool(const std::string& name, const std::string& version, const std::string& command)
{
  pf::ToolFacts t;
  t.name = name;
  t.command = command;
  t.state = pf::ToolState::found;
  t.version = core::Version::parse(version).value();
  t.detail = version;
  return t;
}

inline pf::ToolFacts missing_tool(const std::string& name)
{
  pf::ToolFacts t;
  t.name = name;
  t.command = name;
  t.state = pf::ToolState::missing;
  return t;
}

inline pf::HostFacts seed_facts()
{
  pf::HostFacts f;
  f.cpu.online = pf::Fact<int>::of(1, "/sys/devices/system/cpu/online 0");
  f.cpu.affinity = pf::Fact<int>::of(1, "Cpus_allowed_list 0 in /proc/self/status");
  f.cpu.quota = pf::Fact<pf::CgroupLimit>::of({false, 0}, "/sys/fs/cgroup/cpu,cpuacct/user.slice/cpu.cfs_quota_us");
  f.memory.total_bytes = pf::Fact<std::uint64_t>::of(1877004ull * 1024, "/proc/meminfo MemTotal");
  f.memory.available_bytes = pf::Fact<std::uint64_t>::of(1520300ull * 1024, "/proc/meminfo MemAvailable");
  f.memory.swap_bytes = pf::Fact<std::uint64_t>::of(0, "/proc/meminfo SwapTotal");
  f.memory.limit = pf::Fact<pf::CgroupLimit>::of({false, 0}, "/sys/fs/cgroup/memory/user.slice/memory.limit_in_bytes");
  f.memory.swap_accounting = pf::Fact<bool>::of(false, "memory.memsw.limit_in_bytes absent");
  f.cgroup.version = pf::Fact<pf::CgroupVersion>::of(pf::CgroupVersion::hybrid, "/proc/mounts");
  f.cgroup.controllers = pf::Fact<std::vector<std::string>>::of(
      {"cpuset", "cpu", "cpuacct", "blkio", "memory", "devices", "freezer", "pids"}, "/proc/cgroups");
  f.kernel = pf::Fact<std::string>::of("4.15.0-142-generic", "/proc/sys/kernel/osrelease");
  f.uid = pf::Fact<int>::of(0, "Uid in /proc/self/status");
  f.minikube_home = {"/root/.minikube", pf::Fact<std::uint64_t>::of(40ull << 30, "statvfs /root")};
  f.docker_root = {"/var/lib/docker", pf::Fact<std::uint64_t>::of(40ull << 30, "statvfs /var/lib/docker")};
  f.minikube = tool("minikube", "v1.20.0", "minikube version -o json");
  f.kubectl = tool("kubectl", "v1.17.9", "kubectl version --client -o json");
  f.docker = tool("docker", "20.10.6", "docker version --format '{{.Client.Version}}'");
  f.docker_endpoint = "unix:///var/run/docker.sock";
  pf::DockerInfo info;
  info.ncpu = 1;
  info.mem_total = 1922052096;
  info.server_version = "20.10.6";
  info.cgroup_version = "1";
  info.cgroup_driver = "cgroupfs";
  info.memory_limit = true;
  info.root_dir = "/var/lib/docker";
  f.docker_daemon = pf::Fact<pf::DockerInfo>::of(info, "GET /info unix:///var/run/docker.sock");
  return f;
}

inline pf::HostFacts laptop_facts()
{
  pf::HostFacts f = seed_facts();
  f.cpu.online = pf::Fact<int>::of(8, "/sys/devices/system/cpu/online 0-7");
  f.cpu.affinity = pf::Fact<int>::of(8, "Cpus_allowed_list 0-7 in /proc/self/status");
  f.memory.total_bytes = pf::Fact<std::uint64_t>::of(16096516ull * 1024, "/proc/meminfo MemTotal");
  f.cgroup.version = pf::Fact<pf::CgroupVersion>::of(pf::CgroupVersion::v2, "/proc/mounts");
  f.cgroup.controllers = pf::Fact<std::vector<std::string>>::of({"cpu", "memory", "pids"}, "cgroup.controllers");
  f.uid = pf::Fact<int>::of(1000, "Uid in /proc/self/status");
  f.minikube = tool("minikube", "v1.32.0", "minikube version -o json");
  f.kubectl = tool("kubectl", "v1.28.3", "kubectl version --client -o json");
  f.docker_daemon.value->ncpu = 8;
  f.docker_daemon.value->mem_total = 16482832384;
  f.docker_daemon.value->cgroup_version = "2";
  return f;
}

} // namespace devk8s::test
