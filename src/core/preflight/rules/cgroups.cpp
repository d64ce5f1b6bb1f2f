// cgroup version and controllers. minikube v1.20–v1.25 warned "Your cgroup does not allow
// setting memory." on every cgroup v1 host (oci.HasMemoryCgroup stat'ed "", kubernetes/minikube#12842);
// v1.26.0 (#14115) looks for a memory mount. We read the controllers themselves.
#include "core/preflight/rules/rules.hpp"

#include "util/strings.hpp"

namespace devk8s::core::preflight::rules {

namespace {

bool has_false_memory_warning(const HostFacts& facts)
{
  const auto caps = minikube_capabilities(facts);
  return caps && caps->false_cgroup_memory_warning;
}

} // namespace

Findings check_cgroups(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  const auto& cg = facts.cgroup;
  if (!cg.version.known()) {
    out.push_back(about_host("cgroup.version", Severity::warn, "cgroup",
                             "cannot tell the cgroup version: " + cg.version.reason, {"unknown", ""},
                             "check that /proc/self/cgroup and /proc/mounts are readable"));
  } else {
    const bool hybrid = *cg.version.value == CgroupVersion::hybrid;
    out.push_back(about_host("cgroup.version", Severity::ok, "cgroup",
                             hybrid ? "cgroup v1 controllers, with systemd's cgroup2 hierarchy beside them (hybrid)"
                                    : std::string("cgroup ") + to_string(*cg.version.value),
                             {to_string(*cg.version.value), cg.version.source}, ""));
  }
  if (!cg.controllers.known()) {
    out.push_back(about_host("cgroup.memory", Severity::warn, "cgroup",
                             "cannot tell whether the memory controller is available: " + cg.controllers.reason,
                             {"unknown", ""}, "check that /sys/fs/cgroup is mounted"));
    return out;
  }
  const Evidence evidence{util::join(*cg.controllers.value, " "), cg.controllers.source};
  const bool v2 = cg.version.known() && *cg.version.value == CgroupVersion::v2;
  if (cg.has("memory")) {
    std::string message = "the memory controller is available, so --memory is enforced";
    if (is_kic_driver(request.driver) && has_false_memory_warning(facts)) {
      message += "; minikube " + facts.minikube.version->str() +
                 " will still print \"Your cgroup does not allow setting memory.\": that warning is false here "
                 "(kubernetes/minikube#12842, fixed in v1.26.0)";
    }
    out.push_back(about_host("cgroup.memory", Severity::ok, "cgroup", message, evidence, ""));
  } else {
    out.push_back(
        about_host("cgroup.memory", Severity::warn, "cgroup",
                   v2 ? "the memory controller is not delegated to this cgroup: a --memory limit cannot be enforced"
                      : "the memory controller is not enabled: a --memory limit cannot be enforced",
                   evidence,
                   v2 ? "delegate it: add \"+memory\" to the parent's cgroup.subtree_control, or for a systemd user "
                        "session set Delegate=cpu cpuset io memory pids in user@.service.d/delegate.conf"
                      : "boot with cgroup_enable=memory on the kernel command line"));
  }
  if (!cg.has("cpu")) {
    out.push_back(about_host("cgroup.cpu", Severity::warn, "cgroup",
                             v2 ? "the cpu controller is not delegated to this cgroup: --cpus cannot be enforced"
                                : "the cpu controller is not enabled: --cpus cannot be enforced",
                             evidence,
                             v2 ? "delegate it: add \"+cpu\" to the parent's cgroup.subtree_control"
                                : "enable the cpu cgroup controller"));
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
