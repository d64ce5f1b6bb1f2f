// libFuzzer harness: what the host probe reads and what the user types about the host
// (core/preflight/proc_parsers, memory_size, tool_output; core/install/dpkg_query; util/duration;
// core/version). The first byte picks the parser ('0'…'9', ':'…'?'):
//   0 /proc/meminfo     4 cfs_quota_us\ncfs_period_us   8 /proc/cgroups      12 tools' version answers
//   1 /proc/self/status 5 memory.max                    9 --memory sizes     13 Docker's GET /info
//   2 cpu lists         6 /proc/self/cgroup             10 durations         14 DOCKER_HOST
//   3 cpu.max           7 /proc/mounts                  11 versions          15 two versions, compared
// Tools' answers (12) are also read as a path's line, then `dpkg-query --search PATH`'s output.
#include "core/install/dpkg_query.hpp"
#include "core/preflight/memory_size.hpp"
#include "core/preflight/proc_parsers.hpp"
#include "core/preflight/tool_output.hpp"
#include "core/version.hpp"
#include "fuzz_support.hpp"
#include "util/duration.hpp"

#include <cmath>
#include <compare>
#include <string>
#include <vector>

namespace preflight = devk8s::core::preflight;
using devk8s::core::Version;
using devk8s::fuzz::require;

namespace {

// count_cpu_list refuses CPU numbers past 2^20 (issue #15, finding 1): a count is at most that.
constexpr int k_max_cpus = (1 << 20) + 1;

void cpu_list(std::string_view text)
{
  if (const auto count = preflight::count_cpu_list(text)) {
    require(*count >= 1 && *count <= k_max_cpus, "a CPU count is between 1 and 2^20 + 1");
  }
}

/// A limit is a finite number; a cpu.max quota is positive (the kernel refuses 0), a v1 quota or a
/// memory.max may be written as 0.
void limit(const devk8s::util::Result<preflight::CgroupLimit>& parsed, bool positive)
{
  if (parsed && parsed->limited) {
    require(std::isfinite(parsed->value) && parsed->value >= 0, "a cgroup limit is a finite number");
    require(!positive || parsed->value > 0, "a cpu.max limit is a positive number of CPUs");
  }
}

void memory_size(std::string_view text)
{
  const auto mib = preflight::parse_memory_size(text);
  if (!mib) {
    return;
  }
  require(*mib > 0, "a memory size is positive");
  const auto again = preflight::parse_memory_size(preflight::format_memory_flag(*mib));
  require(again.has_value() && *again == *mib, "format_memory_flag() parses back to the same size");
}

void version(std::string_view text)
{
  const auto v = Version::parse(text);
  if (!v) {
    return;
  }
  for (const bool with_v : {true, false}) {
    const auto again = Version::parse(v->str(with_v));
    require(again.has_value() && *again == *v, "Version::parse(str()) is the same version");
  }
}

void compare(std::string_view text)
{
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) {
    return;
  }
  const auto a = Version::parse(text.substr(0, newline));
  const auto b = Version::parse(text.substr(newline + 1));
  if (!a || !b) {
    return;
  }
  const auto ab = *a <=> *b;
  const auto ba = *b <=> *a;
  require((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0), "version order is antisymmetric");
  require((ab == 0) == (*a == *b), "equal order means equal versions");
  require(devk8s::core::minor_skew(*a, *b) == devk8s::core::minor_skew(*b, *a), "skew is symmetric");
}

/// The escaped argument is the path again once unescaped, and leaves no glob character bare; an
/// owner is a package name alone; the owner line dpkg-query prints for a path is read back.
void dpkg_query(std::string_view text)
{
  const auto newline = text.find('\n');
  const auto path = text.substr(0, newline);
  const auto output = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  const std::string argument = devk8s::core::install::dpkg_search_argument(path);
  std::string unescaped;
  for (std::size_t i = 0; i < argument.size(); ++i) {
    const bool glob = argument[i] == '*' || argument[i] == '?' || argument[i] == '[' || argument[i] == '\\';
    require(!glob || (argument[i] == '\\' && i + 1 < argument.size()), "a glob character in the path is escaped");
    if (argument[i] == '\\') {
      ++i;
    }
    unescaped += argument[i];
  }
  require(unescaped == path, "the escaped argument is the path");
  for (const auto& owner : devk8s::core::install::dpkg_search_owners(output, path)) {
    require(owner.size() >= 2 && owner.find_first_of(":, \t\r\n") == std::string::npos, "an owner is a package name");
  }
  if (!path.empty() && path.back() != '\r') {
    const auto owners = devk8s::core::install::dpkg_search_owners("p0, lib:amd64: " + std::string(path) + "\n", path);
    require(owners == std::vector<std::string>{"p0", "lib"}, "dpkg-query's owner line for the path is read back");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto [selector, text] = devk8s::fuzz::select(devk8s::fuzz::as_text(data, size), 16);
  switch (selector) {
  case 0: (void)preflight::parse_meminfo(text); break;
  case 1:
    // The probe reads Cpus_allowed_list out of /proc/self/status and counts it.
    cpu_list(preflight::status_field(text, "Cpus_allowed_list"));
    (void)preflight::status_field(text, "VmRSS");
    break;
  case 2: cpu_list(text); break;
  case 3: limit(preflight::parse_cpu_max(text), true); break;
  case 4: {
    const auto newline = text.find('\n');
    const auto period = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    limit(preflight::parse_cfs_quota(text.substr(0, newline), period), false);
    break;
  }
  case 5: limit(preflight::parse_memory_limit(text), false); break;
  case 6: (void)preflight::parse_proc_cgroup(text); break;
  case 7:
    for (const auto& mount : preflight::parse_mounts(text)) {
      (void)mount.has_option("ro");
    }
    break;
  case 8: (void)preflight::parse_proc_cgroups(text); break;
  case 9: memory_size(text); break;
  case 10:
    if (const auto duration = devk8s::util::parse_duration(text)) {
      require(duration->count() >= 0, "a duration is not negative");
      require(*duration <= std::chrono::hours(8760), "a duration is at most a year");
    }
    break;
  case 11: version(text); break;
  case 12:
    (void)preflight::parse_minikube_version_json(text);
    (void)preflight::parse_kubectl_client_version_json(text);
    (void)preflight::parse_docker_client_version(text);
    dpkg_query(text);
    break;
  case 13: (void)preflight::parse_docker_info(text); break;
  case 14:
    for (const bool tls : {false, true}) {
      (void)preflight::parse_docker_host(text, tls);
    }
    break;
  case 15: compare(text); break;
  default: break;
  }
  return 0;
}
