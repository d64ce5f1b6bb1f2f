#include "adapters/host/host_files.hpp"

#include "core/preflight/proc_parsers.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>

namespace devk8s::adapters::host {

namespace pf = core::preflight;

namespace {

/// A file's text, or why it could not be read.
struct Text {
  std::optional<std::string> value;
  std::string error;
};

class Reader {
public:
  explicit Reader(std::string root) : m_root(std::move(root))
  {
    while (m_root.size() > 1 && m_root.back() == '/') {
      m_root.pop_back();
    }
    if (m_root == "/") {
      m_root.clear();
    }
  }

  /// `path` is absolute as the host sees it ("/proc/meminfo").
  Text read(const std::string& path) const
  {
    std::ifstream in(m_root + path, std::ios::binary);
    if (!in) {
      return {std::nullopt, path + ": " + std::strerror(errno)};
    }
    // Copied by the library's streambuf loop, not an inlined istreambuf_iterator, on which GCC 12
    // warns -Wnull-dereference from libstdc++'s own streambuf at -O2 and above.
    std::ostringstream text;
    text << in.rdbuf();
    return {std::move(text).str(), {}};
  }

  bool is_dir(const std::string& path) const
  {
    struct stat st {};
    return ::stat((m_root + path).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }

  bool exists(const std::string& path) const
  {
    struct stat st {};
    return ::stat((m_root + path).c_str(), &st) == 0;
  }

private:
  std::string m_root;
};

std::string join_path(const std::string& base, const std::string& rest)
{
  if (rest.empty() || rest == "/") {
    return base;
  }
  return base + (rest.front() == '/' ? "" : "/") + rest;
}

std::string parent_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

/// The process's own directory in a hierarchy mounted at `mount`; the mount itself when the
/// path is not visible (a container without its own cgroup namespace sees only its subtree).
std::string own_dir(const Reader& reader, const std::string& mount, const std::string& cgroup_path)
{
  const std::string dir = join_path(mount, cgroup_path);
  return reader.is_dir(dir) ? dir : mount;
}

/// The tightest limit in `file` from `leaf` up to `mount`: a parent's limit binds its children.
template <typename Parse>
pf::Fact<pf::CgroupLimit> tightest(const Reader& reader, const std::string& mount, const std::string& leaf,
                                   const std::string& file, Parse parse)
{
  std::optional<pf::CgroupLimit> best;
  std::string source;
  std::string error;
  for (std::string dir = leaf;; dir = parent_of(dir)) {
    const std::string path = join_path(dir, file);
    if (reader.exists(path)) {
      auto limit = parse(reader, dir);
      if (!limit) {
        error = limit.error().message + " in " + path;
      } else if (limit->limited && (!best || !best->limited || limit->value < best->value)) {
        best = *limit;
        source = path;
      } else if (!best) {
        best = *limit;
        source = path;
      }
    }
    if (dir == mount || dir.size() <= mount.size() || dir == "/") {
      break;
    }
  }
  if (!best) {
    if (!error.empty()) {
      return pf::Fact<pf::CgroupLimit>::unknown(error);
    }
    // The root cgroup has no limit files: no limit anywhere up the tree.
    return pf::Fact<pf::CgroupLimit>::of(pf::CgroupLimit{false, 0}, join_path(leaf, file) + " absent up to " + mount);
  }
  return pf::Fact<pf::CgroupLimit>::of(*best, source);
}

void read_cpus_and_memory(const Reader& reader, pf::HostFacts& facts)
{
  const auto status = reader.read("/proc/self/status");
  if (status.value) {
    const std::string list = pf::status_field(*status.value, "Cpus_allowed_list");
    auto count = pf::count_cpu_list(list);
    facts.cpu.affinity = count ? pf::Fact<int>::of(*count, "Cpus_allowed_list " + list + " in /proc/self/status")
                               : pf::Fact<int>::unknown(count.error().message + " in /proc/self/status");
    const std::string uid_line = pf::status_field(*status.value, "Uid"); // real, effective, saved, fs
    const auto uid_fields = util::split(uid_line, '\t');
    try {
      facts.uid = pf::Fact<int>::of(std::stoi(std::string(uid_fields.front())), "Uid in /proc/self/status");
    } catch (const std::exception&) {
      facts.uid = pf::Fact<int>::unknown("no Uid line in /proc/self/status");
    }
  } else {
    facts.cpu.affinity = pf::Fact<int>::unknown(status.error);
    facts.uid = pf::Fact<int>::unknown(status.error);
  }
  const auto online = reader.read("/sys/devices/system/cpu/online");
  if (online.value) {
    auto count = pf::count_cpu_list(*online.value);
    facts.cpu.online = count ? pf::Fact<int>::of(*count, "/sys/devices/system/cpu/online " + std::string(util::trim(*online.value)))
                             : pf::Fact<int>::unknown(count.error().message);
  } else {
    facts.cpu.online = pf::Fact<int>::unknown(online.error);
  }

  const auto meminfo = reader.read("/proc/meminfo");
  if (!meminfo.value) {
    facts.memory.total_bytes = pf::Fact<std::uint64_t>::unknown(meminfo.error);
    facts.memory.available_bytes = facts.memory.total_bytes;
    facts.memory.swap_bytes = facts.memory.total_bytes;
    return;
  }
  const auto values = pf::parse_meminfo(*meminfo.value);
  auto field = [&values](const std::string& name) {
    const auto it = values.find(name);
    return it == values.end() ? pf::Fact<std::uint64_t>::unknown("no " + name + " in /proc/meminfo")
                              : pf::Fact<std::uint64_t>::of(it->second, "/proc/meminfo " + name);
  };
  facts.memory.total_bytes = field("MemTotal");
  facts.memory.available_bytes = field("MemAvailable");
  facts.memory.swap_bytes = field("SwapTotal");
}

void read_cgroup_v2(const Reader& reader, const std::string& mount, const std::vector<pf::ProcCgroupLine>& lines,
                    pf::HostFacts& facts)
{
  std::string path = "/";
  for (const auto& line : lines) {
    if (line.hierarchy == 0) {
      path = line.path;
    }
  }
  const std::string dir = own_dir(reader, mount, path);
  const auto controllers = reader.read(join_path(dir, "cgroup.controllers"));
  if (controllers.value) {
    std::vector<std::string> names;
    for (auto name : util::split(util::trim(*controllers.value), ' ')) {
      if (!name.empty()) {
        names.emplace_back(name);
      }
    }
    facts.cgroup.controllers = pf::Fact<std::vector<std::string>>::of(names, join_path(dir, "cgroup.controllers"));
  } else {
    facts.cgroup.controllers = pf::Fact<std::vector<std::string>>::unknown(controllers.error);
  }
  facts.cpu.quota = tightest(reader, mount, dir, "cpu.max", [](const Reader& r, const std::string& d) {
    return pf::parse_cpu_max(r.read(join_path(d, "cpu.max")).value.value_or(""));
  });
  facts.memory.limit = tightest(reader, mount, dir, "memory.max", [](const Reader& r, const std::string& d) {
    return pf::parse_memory_limit(r.read(join_path(d, "memory.max")).value.value_or(""));
  });
  const bool swap = reader.exists(join_path(dir, "memory.swap.max"));
  facts.memory.swap_accounting = pf::Fact<bool>::of(swap, join_path(dir, "memory.swap.max") + (swap ? "" : " absent"));
}

void read_cgroup_v1(const Reader& reader, const std::vector<pf::Mount>& mounts,
                    const std::vector<pf::ProcCgroupLine>& lines, pf::HostFacts& facts)
{
  auto mount_of = [&mounts](const std::string& controller) -> std::optional<std::string> {
    for (const auto& m : mounts) {
      if (m.fs_type == "cgroup" && m.has_option(controller)) {
        return m.mount_point;
      }
    }
    return std::nullopt;
  };
  auto path_of = [&lines](const std::string& controller) -> std::string {
    for (const auto& line : lines) {
      for (const auto& c : line.controllers) {
        if (c == controller) {
          return line.path;
        }
      }
    }
    return "/";
  };
  const auto proc_cgroups = reader.read("/proc/cgroups");
  std::vector<std::string> available;
  std::string source = "/proc/mounts";
  if (proc_cgroups.value) {
    source = "/proc/cgroups enabled + /proc/mounts";
    for (const auto& subsystem : pf::parse_proc_cgroups(*proc_cgroups.value)) {
      if (subsystem.enabled && mount_of(subsystem.name)) {
        available.push_back(subsystem.name);
      }
    }
  } else {
    for (const char* name : {"cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "devices", "freezer"}) {
      if (mount_of(name)) {
        available.emplace_back(name);
      }
    }
  }
  facts.cgroup.controllers = pf::Fact<std::vector<std::string>>::of(available, source);

  if (const auto cpu = mount_of("cpu")) {
    const std::string dir = own_dir(reader, *cpu, path_of("cpu"));
    facts.cpu.quota = tightest(reader, *cpu, dir, "cpu.cfs_quota_us", [](const Reader& r, const std::string& d) {
      return pf::parse_cfs_quota(r.read(join_path(d, "cpu.cfs_quota_us")).value.value_or(""),
                                 r.read(join_path(d, "cpu.cfs_period_us")).value.value_or(""));
    });
  } else {
    facts.cpu.quota = pf::Fact<pf::CgroupLimit>::unknown("no cgroup v1 cpu hierarchy in /proc/mounts");
  }
  if (const auto memory = mount_of("memory")) {
    const std::string dir = own_dir(reader, *memory, path_of("memory"));
    facts.memory.limit = tightest(reader, *memory, dir, "memory.limit_in_bytes", [](const Reader& r, const std::string& d) {
      return pf::parse_memory_limit(r.read(join_path(d, "memory.limit_in_bytes")).value.value_or(""));
    });
    const bool swap = reader.exists(join_path(dir, "memory.memsw.limit_in_bytes"));
    facts.memory.swap_accounting =
        pf::Fact<bool>::of(swap, join_path(dir, "memory.memsw.limit_in_bytes") + (swap ? "" : " absent"));
  } else {
    facts.memory.limit = pf::Fact<pf::CgroupLimit>::unknown("no cgroup v1 memory hierarchy in /proc/mounts");
    facts.memory.swap_accounting = pf::Fact<bool>::unknown("no cgroup v1 memory hierarchy in /proc/mounts");
  }
}

void read_cgroups(const Reader& reader, pf::HostFacts& facts)
{
  const auto mounts_text = reader.read("/proc/mounts");
  const auto cgroup_text = reader.read("/proc/self/cgroup");
  if (!mounts_text.value || !cgroup_text.value) {
    const std::string why = !mounts_text.value ? mounts_text.error : cgroup_text.error;
    facts.cgroup.version = pf::Fact<pf::CgroupVersion>::unknown(why);
    facts.cgroup.controllers = pf::Fact<std::vector<std::string>>::unknown(why);
    facts.cpu.quota = pf::Fact<pf::CgroupLimit>::unknown(why);
    facts.memory.limit = pf::Fact<pf::CgroupLimit>::unknown(why);
    facts.memory.swap_accounting = pf::Fact<bool>::unknown(why);
    return;
  }
  const auto mounts = pf::parse_mounts(*mounts_text.value);
  const auto lines = pf::parse_proc_cgroup(*cgroup_text.value);
  std::optional<std::string> unified;
  bool v1 = false;
  for (const auto& m : mounts) {
    if (m.fs_type == "cgroup2" && (!unified || m.mount_point == "/sys/fs/cgroup")) {
      unified = m.mount_point;
    }
    if (m.fs_type == "cgroup") {
      v1 = true;
    }
  }
  if (unified && !v1) {
    facts.cgroup.version = pf::Fact<pf::CgroupVersion>::of(pf::CgroupVersion::v2, "cgroup2 on " + *unified + " in /proc/mounts");
    read_cgroup_v2(reader, *unified, lines, facts);
  } else if (v1) {
    facts.cgroup.version = pf::Fact<pf::CgroupVersion>::of(
        unified ? pf::CgroupVersion::hybrid : pf::CgroupVersion::v1,
        unified ? "cgroup and cgroup2 (" + *unified + ") mounts in /proc/mounts" : "cgroup mounts in /proc/mounts");
    read_cgroup_v1(reader, mounts, lines, facts);
  } else {
    const std::string why = "no cgroup or cgroup2 mount in /proc/mounts";
    facts.cgroup.version = pf::Fact<pf::CgroupVersion>::unknown(why);
    facts.cgroup.controllers = pf::Fact<std::vector<std::string>>::unknown(why);
    facts.cpu.quota = pf::Fact<pf::CgroupLimit>::unknown(why);
    facts.memory.limit = pf::Fact<pf::CgroupLimit>::unknown(why);
    facts.memory.swap_accounting = pf::Fact<bool>::unknown(why);
  }
}

} // namespace

void read_host_files(const std::string& root, pf::HostFacts& facts)
{
  const Reader reader(root);
  read_cpus_and_memory(reader, facts);
  read_cgroups(reader, facts);
  const auto kernel = reader.read("/proc/sys/kernel/osrelease");
  facts.kernel = kernel.value ? pf::Fact<std::string>::of(std::string(util::trim(*kernel.value)), "/proc/sys/kernel/osrelease")
                              : pf::Fact<std::string>::unknown(kernel.error);
}

pf::DiskFacts disk_free(const std::string& root, const std::string& path)
{
  std::string prefix = root;
  while (!prefix.empty() && prefix.back() == '/') {
    prefix.pop_back();
  }
  pf::DiskFacts disk{path, {}};
  // minikube creates its directory on first start: measure the filesystem it will land on.
  for (std::string dir = path;; dir = parent_of(dir)) {
    struct statvfs st {};
    if (::statvfs((prefix + dir).c_str(), &st) == 0) {
      disk.free_bytes = pf::Fact<std::uint64_t>::of(static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize,
                                                    "statvfs " + dir);
      return disk;
    }
    if (errno != ENOENT || dir == "/") {
      disk.free_bytes = pf::Fact<std::uint64_t>::unknown("statvfs " + dir + ": " + std::strerror(errno));
      return disk;
    }
  }
}

} // namespace devk8s::adapters::host
