#include "app/preflight.hpp"

#include "core/minikube/names.hpp"
#include "core/preflight/memory_size.hpp"
#include "util/strings.hpp"

#include <charconv>
#include <vector>

namespace devk8s::app {

namespace pf = core::preflight;

util::Result<pf::StartRequest> build_request(ports::FileSystem& fs, const PreflightOptions& options)
{
  pf::StartRequest request;
  std::vector<std::string> problems;
  std::vector<std::string> hints;
  if (!options.cpus.empty()) {
    int cpus = 0;
    const auto* end = options.cpus.data() + options.cpus.size();
    const auto [ptr, ec] = std::from_chars(options.cpus.data(), end, cpus);
    if (ec != std::errc() || ptr != end || cpus < k_min_cpus_flag || cpus > k_max_cpus_flag) {
      problems.push_back("invalid --cpus " + util::quoted(options.cpus) + ": expected a whole number of CPUs from " +
                         std::to_string(k_min_cpus_flag) + " to " + std::to_string(k_max_cpus_flag));
      hints.emplace_back("--cpus 2");
    } else {
      request.cpus = cpus;
    }
  }
  if (!options.memory.empty()) {
    auto mib = pf::parse_memory_size(options.memory);
    if (mib) {
      request.memory_mib = *mib;
    } else {
      problems.push_back(mib.error().message);
      hints.push_back(mib.error().hint);
    }
  }
  if (!options.driver.empty()) {
    request.driver = options.driver;
    request.driver_given = true;
    if (!pf::is_known_linux_driver(options.driver)) {
      problems.push_back("unknown --driver " + util::quoted(options.driver) +
                         ": minikube's Linux drivers are docker, podman, none, ssh, kvm2, qemu2, virtualbox, vmware");
      hints.emplace_back("--driver docker");
    }
  }
  if (options.kubernetes_version == "stable" || options.kubernetes_version == "latest") {
    request.kubernetes_channel = options.kubernetes_version;
  } else if (!options.kubernetes_version.empty()) {
    auto version = core::Version::parse(options.kubernetes_version);
    if (version) {
      request.kubernetes_version = *version;
    } else {
      problems.push_back("invalid --kubernetes-version " + util::quoted(options.kubernetes_version) +
                         ": expected a version like v1.20.2, or stable or latest");
      hints.emplace_back("--kubernetes-version v1.20.2");
    }
  }
  request.profile = options.profile;
  if (auto valid = core::minikube::check_profile_name(options.profile); !options.profile.empty() && !valid) {
    problems.push_back(valid.error().message);
    hints.emplace_back("-p dev");
  }
  if (!problems.empty()) {
    return util::usage_error(util::join(problems, "\n"), util::join(hints, "; "));
  }
  if (options.mirror.requested()) {
    DEVK8S_TRY(const auto map, choose_map(fs, options.mirror));
    request.mirror = pf::MirrorChoice{map.name, map.minikube};
  }
  return request;
}

util::Result<PreflightResult> check_host(const Ports& ports, const PreflightOptions& options)
{
  DEVK8S_TRY(const auto request, build_request(ports.fs, options));
  ports::ProbeRequest probe = options.probe;
  probe.check_docker = request.driver == "docker";
  PreflightResult result{ports.host.probe(probe), {}};
  result.report = pf::run_preflight(result.facts, request);
  return result;
}

} // namespace devk8s::app
