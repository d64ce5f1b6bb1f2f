#include "core/preflight/proc_parsers.hpp"

#include "util/strings.hpp"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace devk8s::core::preflight {

namespace {

template <typename T>
bool to_number(std::string_view text, T& out)
{
  text = util::trim(text);
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

std::vector<std::string_view> fields(std::string_view line)
{
  std::vector<std::string_view> out;
  for (auto part : util::split(line, ' ')) {
    for (auto sub : util::split(part, '\t')) {
      if (!sub.empty()) {
        out.push_back(sub);
      }
    }
  }
  return out;
}

std::string unescape_octal(std::string_view text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size()) {
      int value = 0;
      if (std::from_chars(text.data() + i + 1, text.data() + i + 4, value, 8).ptr == text.data() + i + 4) {
        out += static_cast<char>(value);
        i += 3;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

util::Error malformed(const std::string& what, std::string_view text)
{
  return util::failure("malformed " + what + " " + util::quoted(util::trim(text)));
}

} // namespace

std::map<std::string, std::uint64_t> parse_meminfo(std::string_view text)
{
  std::map<std::string, std::uint64_t> out;
  for (auto line : util::split(text, '\n')) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    const auto parts = fields(line.substr(colon + 1));
    std::uint64_t value = 0;
    if (parts.empty() || !to_number(parts[0], value)) {
      continue;
    }
    const bool kb = parts.size() > 1 && parts[1] == "kB";
    // A value past 2^54 kB is no memory that exists: left out, as an unreadable line is, rather
    // than wrapped around to a small number of bytes.
    if (kb && value > std::numeric_limits<std::uint64_t>::max() / 1024) {
      continue;
    }
    out[std::string(line.substr(0, colon))] = kb ? value * 1024 : value;
  }
  return out;
}

std::string status_field(std::string_view status, std::string_view name)
{
  for (auto line : util::split(status, '\n')) {
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && line.substr(0, colon) == name) {
      return std::string(util::trim(line.substr(colon + 1)));
    }
  }
  return {};
}

util::Result<int> count_cpu_list(std::string_view list)
{
  // Counted as merged intervals, not a set of numbers: "0-65535,65536-131071,…" stays cheap, and
  // no loop counter runs up to INT_MAX (a fuzzer found "2147483647" looping until memory ran out).
  // The kernel numbers CPUs below NR_CPUS (at most 8192 on any architecture today), so a number
  // past k_max_cpu is a corrupt file, not a large machine.
  constexpr long long k_max_cpu = 1 << 20;
  std::vector<std::pair<long long, long long>> ranges;
  const auto trimmed = util::trim(list);
  if (trimmed.empty()) {
    return malformed("CPU list", list);
  }
  for (auto range : util::split(trimmed, ',')) {
    const auto dash = range.find('-');
    long long first = 0;
    long long last = 0;
    if (!to_number(range.substr(0, dash), first)) {
      return malformed("CPU list", list);
    }
    last = first;
    if (dash != std::string_view::npos && !to_number(range.substr(dash + 1), last)) {
      return malformed("CPU list", list);
    }
    if (first < 0 || last < first || last >= k_max_cpu) {
      return malformed("CPU list", list);
    }
    ranges.emplace_back(first, last);
  }
  std::sort(ranges.begin(), ranges.end());
  long long count = 0;
  long long covered_to = -1; // the highest CPU counted so far
  for (const auto& [first, last] : ranges) {
    if (last > covered_to) {
      count += last - std::max(first, covered_to + 1) + 1;
      covered_to = last;
    }
  }
  return static_cast<int>(count);
}

util::Result<CgroupLimit> parse_cpu_max(std::string_view text)
{
  const auto parts = fields(util::trim(text));
  double period = 0;
  if (parts.empty() || parts.size() > 2) {
    return malformed("cpu.max", text);
  }
  period = 100000; // the kernel's default when only $MAX is written
  if (parts.size() == 2 && (!to_number(parts[1], period) || period <= 0)) {
    return malformed("cpu.max", text);
  }
  if (parts[0] == "max") {
    return CgroupLimit{false, 0};
  }
  double quota = 0;
  if (!to_number(parts[0], quota) || quota <= 0) {
    return malformed("cpu.max", text);
  }
  // from_chars reads "nan" and "inf" too (a fuzzer found "nan 100000" giving NaN CPUs), and a
  // wild ratio can overflow or vanish: a limit is a finite, positive number of CPUs.
  const double cpus = quota / period;
  if (!std::isfinite(quota) || !std::isfinite(period) || !std::isfinite(cpus) || cpus <= 0) {
    return malformed("cpu.max", text);
  }
  return CgroupLimit{true, cpus};
}

util::Result<CgroupLimit> parse_cfs_quota(std::string_view quota, std::string_view period)
{
  long long q = 0;
  long long p = 0;
  if (!to_number(quota, q) || !to_number(period, p) || p <= 0) {
    return malformed("cpu.cfs_quota_us/cpu.cfs_period_us", std::string(util::trim(quota)) + " " + std::string(util::trim(period)));
  }
  if (q < 0) {
    return CgroupLimit{false, 0};
  }
  return CgroupLimit{true, static_cast<double>(q) / static_cast<double>(p)};
}

util::Result<CgroupLimit> parse_memory_limit(std::string_view text)
{
  const auto value = util::trim(text);
  if (value == "max") {
    return CgroupLimit{false, 0};
  }
  std::uint64_t bytes = 0;
  if (!to_number(value, bytes)) {
    return malformed("memory limit", text);
  }
  // v1 reports "no limit" as LONG_MAX rounded down to the page size (9223372036854771712 with
  // 4 KiB pages); anything that large is no limit on any real machine.
  if (bytes >= (1ull << 62)) {
    return CgroupLimit{false, 0};
  }
  return CgroupLimit{true, static_cast<double>(bytes)};
}

std::vector<ProcCgroupLine> parse_proc_cgroup(std::string_view text)
{
  std::vector<ProcCgroupLine> out;
  for (auto line : util::split(text, '\n')) {
    const auto first = line.find(':');
    const auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) {
      continue;
    }
    ProcCgroupLine entry;
    if (!to_number(line.substr(0, first), entry.hierarchy)) {
      continue;
    }
    const auto list = line.substr(first + 1, second - first - 1);
    if (!list.empty()) {
      for (auto c : util::split(list, ',')) {
        // "name=systemd" is a named hierarchy, not a controller.
        entry.controllers.emplace_back(c);
      }
    }
    entry.path = std::string(line.substr(second + 1));
    out.push_back(std::move(entry));
  }
  return out;
}

bool Mount::has_option(std::string_view option) const
{
  for (const auto& o : options) {
    if (o == option) {
      return true;
    }
  }
  return false;
}

std::vector<Mount> parse_mounts(std::string_view text)
{
  std::vector<Mount> out;
  for (auto line : util::split(text, '\n')) {
    const auto parts = fields(line);
    if (parts.size() < 4) {
      continue;
    }
    Mount m{unescape_octal(parts[0]), unescape_octal(parts[1]), std::string(parts[2]), {}};
    for (auto o : util::split(parts[3], ',')) {
      m.options.emplace_back(o);
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<CgroupSubsystem> parse_proc_cgroups(std::string_view text)
{
  std::vector<CgroupSubsystem> out;
  for (auto line : util::split(text, '\n')) {
    const auto parts = fields(line);
    if (parts.size() < 4 || parts[0].front() == '#') {
      continue;
    }
    out.push_back({std::string(parts[0]), parts[3] == "1"});
  }
  return out;
}

} // namespace devk8s::core::preflight
