#include "core/preflight/host_facts.hpp"

#include <algorithm>

namespace devk8s::core::preflight {

const char* to_string(CgroupVersion version)
{
  switch (version) {
  case CgroupVersion::v1: return "v1";
  case CgroupVersion::v2: return "v2";
  case CgroupVersion::hybrid: return "hybrid";
  }
  return "?";
}

const char* to_string(ToolState state)
{
  switch (state) {
  case ToolState::found: return "found";
  case ToolState::missing: return "missing";
  case ToolState::timed_out: return "timed out";
  case ToolState::failed: return "failed";
  }
  return "?";
}

bool CgroupFacts::has(const std::string& controller) const
{
  return controllers.known() &&
         std::find(controllers.value->begin(), controllers.value->end(), controller) != controllers.value->end();
}

Fact<double> effective_cpus(const CpuFacts& cpu)
{
  // kubeadm's NumCPU check counts runtime.NumCPU(), the affinity mask; a quota lowers what the
  // cluster really gets, so the smaller of the two is what we judge.
  const Fact<int>& base = cpu.affinity.known() ? cpu.affinity : cpu.online;
  if (!base.known()) {
    return Fact<double>::unknown(cpu.affinity.reason);
  }
  double value = *base.value;
  std::string source = base.source;
  if (cpu.quota.known() && cpu.quota.value->limited && cpu.quota.value->value < value) {
    value = cpu.quota.value->value;
    source = cpu.quota.source;
  }
  return Fact<double>::of(value, source);
}

Fact<std::uint64_t> effective_memory_bytes(const MemoryFacts& memory)
{
  if (!memory.total_bytes.known()) {
    return memory.total_bytes;
  }
  if (memory.limit.known() && memory.limit.value->limited &&
      memory.limit.value->value < static_cast<double>(*memory.total_bytes.value)) {
    return Fact<std::uint64_t>::of(static_cast<std::uint64_t>(memory.limit.value->value), memory.limit.source);
  }
  return memory.total_bytes;
}

} // namespace devk8s::core::preflight
