#include "core/preflight/minikube_flags.hpp"

#include "core/minikube/capabilities.hpp"
#include "core/preflight/memory_size.hpp"
#include "core/preflight/rules/rules.hpp"
#include "util/strings.hpp"

namespace devk8s::core::preflight {

namespace {

void add_mirror_flags(const StartRequest& request, std::vector<PlannedFlag>& flags)
{
  if (!request.mirror) {
    return;
  }
  const auto& mk = request.mirror->minikube;
  const std::string name = request.mirror->name;
  // minikube maps country cn to constants.AliyunMirror (in v1.20.0 and at HEAD), and its own
  // addon-image fixes match exactly that string.
  const auto aliyun = minikube::k_aliyun_mirror;
  if (mk.image_mirror_country == "cn" && (mk.image_repository.empty() || mk.image_repository == aliyun)) {
    flags.push_back({"--image-mirror-country=cn",
                     "mirror " + name + ": minikube maps country cn to " + std::string(aliyun) +
                         ", the exact repository its own addon-image fixes recognise"});
  } else if (!mk.image_repository.empty()) {
    flags.push_back({"--image-repository=" + mk.image_repository,
                     "mirror " + name + ": control-plane and addon images from this repository" +
                         (mk.image_mirror_country.empty() ? std::string()
                                                          : " (minikube knows no country " +
                                                                util::quoted(mk.image_mirror_country) + ")")});
  }
}

bool below_cpu_minimum(const HostFacts& facts, const StartRequest& request)
{
  const auto planned = planned_cpus(facts, request);
  if (planned && *planned < k_minimum_cpus) {
    return true;
  }
  if (is_kic_driver(request.driver) && facts.docker_daemon.known() && facts.docker_daemon.value->ncpu < k_minimum_cpus) {
    return true;
  }
  const auto cpus = effective_cpus(facts.cpu);
  return cpus.known() && *cpus.value < k_minimum_cpus;
}

} // namespace

std::vector<std::string> MinikubeCommand::argv() const
{
  std::vector<std::string> out{"minikube", "start"};
  for (const auto& f : flags) {
    out.push_back(f.flag);
  }
  return out;
}

MinikubeCommand plan_minikube_start(const HostFacts& facts, const StartRequest& request,
                                    const std::vector<Finding>& findings)
{
  MinikubeCommand command;
  auto& flags = command.flags;
  if (!request.profile.empty()) {
    flags.push_back({"--profile=" + request.profile, "the profile (cluster) name you chose"});
  }
  flags.push_back({"--driver=" + request.driver,
                   request.driver_given ? "the driver you chose"
                                        : "minikube's preferred driver on Linux, made explicit so the run does not "
                                          "depend on auto-detection"});
  if (request.driver == "docker" && facts.docker_daemon.known() && facts.docker_daemon.value->rootless) {
    flags.push_back({"--container-runtime=containerd", "Docker runs rootless; minikube supports that only with containerd"});
  }
  if (const auto cpus = planned_cpus(facts, request)) {
    flags.push_back({"--cpus=" + std::to_string(*cpus),
                     request.cpus ? "the CPU count you asked for"
                                  : "this host gives fewer than minikube's default of 2 CPUs"});
  }
  if (request.memory_mib) {
    flags.push_back({"--memory=" + format_memory_flag(*request.memory_mib), "the memory you asked for, in MiB"});
  }
  if (request.kubernetes_version) {
    flags.push_back({"--kubernetes-version=" + request.kubernetes_version->str(), "the Kubernetes version you asked for"});
  } else if (!request.kubernetes_channel.empty()) {
    flags.push_back({"--kubernetes-version=" + request.kubernetes_channel,
                     "the channel you asked for; minikube resolves it, so kubectl skew is not checked"});
  }
  add_mirror_flags(request, flags);

  std::vector<std::string> forced;
  for (const auto& f : findings) {
    if (f.severity == finding::Severity::fail && f.forceable) {
      forced.push_back(f.id);
    }
  }
  if (!forced.empty()) {
    flags.push_back({"--force", "minikube exits on these unless forced: " + util::join(forced, ", ")});
  }
  const auto caps = rules::minikube_capabilities(facts);
  if (below_cpu_minimum(facts, request) && !(caps && caps->ignores_numcpu_itself)) {
    flags.push_back({"--extra-config=kubeadm.ignore-preflight-errors=NumCPU",
                     "fewer than 2 CPUs: kubeadm's NumCPU preflight check would stop kubeadm init (minikube adds "
                     "this itself only from v1.29.0)"});
  }
  return command;
}

} // namespace devk8s::core::preflight
