// Who runs minikube, with which driver (start.go validateUser, validateDriver). As root only the
// none driver is accepted; any other exits DRV_AS_ROOT unless --force.
#include "core/preflight/rules/rules.hpp"

namespace devk8s::core::preflight::rules {

Findings check_user_driver(const HostFacts& facts, const StartRequest& request)
{
  Findings out;
  const std::string where = request.driver_given ? "--driver" : "devk8s default: minikube's preferred driver on Linux";
  if (!is_known_linux_driver(request.driver)) {
    out.push_back(about_host("driver.supported", Severity::fail, "driver",
                             "minikube has no Linux driver " + request.driver, {request.driver, where},
                             "--driver=docker, podman, none, ssh, kvm2, qemu2, virtualbox or vmware"));
  } else {
    out.push_back(about_host("driver.supported", Severity::ok, "driver", "driver " + request.driver,
                             {request.driver, where}, ""));
  }
  if (!facts.uid.known()) {
    out.push_back(about_host("user.root", Severity::warn, "user",
                             "cannot tell which user runs this: " + facts.uid.reason, {"unknown", ""}, ""));
    return out;
  }
  const int uid = *facts.uid.value;
  const Evidence evidence{"uid " + std::to_string(uid), facts.uid.source};
  if (uid == 0 && request.driver != "none") {
    out.push_back(about_host(
        "user.root", Severity::fail, "user",
        "the \"" + request.driver + "\" driver should not be used with root privileges", evidence,
        "--force (devk8s adds it); better, run as a user in the docker group; on a dedicated VM, --driver=none", true));
  } else if (uid != 0 && request.driver == "none") {
    out.push_back(
        about_host("user.root", Severity::warn, "user",
                   "the none driver runs Kubernetes directly on this host and needs root (minikube uses sudo)",
                   evidence, "run as root, or choose --driver=docker"));
  } else {
    out.push_back(about_host("user.root", Severity::ok, "user", uid == 0 ? "root with the none driver" : "not root",
                             evidence, ""));
  }
  return out;
}

} // namespace devk8s::core::preflight::rules
