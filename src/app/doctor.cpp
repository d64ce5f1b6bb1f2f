#include "app/doctor.hpp"

#include "app/snapshot.hpp"
#include "app/tools.hpp"
#include "core/doctor/analyzers/analyzers.hpp"
#include "core/image/image_ref.hpp"
#include "core/image/mirror_resolver.hpp"
#include "core/kube/version_info.hpp"
#include "core/retag/cluster_state.hpp"

#include <algorithm>
#include <future>
#include <optional>
#include <sstream>

namespace devk8s::app {

namespace {

namespace objects = core::kube::objects;
using core::image::ImageRef;

/// The images pods fail to pull, as their specs write them, each once.
std::vector<std::string> failing_images(const objects::Snapshot& snapshot)
{
  std::vector<std::string> images;
  for (const auto& pod : snapshot.pods) {
    for (const auto* statuses : {&pod.init_container_statuses, &pod.container_statuses}) {
      for (const auto& status : *statuses) {
        if (!core::retag::pull_failed(status.state)) {
          continue;
        }
        const auto* spec = pod.container(status.name);
        const auto image = spec != nullptr ? spec->image : status.image;
        if (std::find(images.begin(), images.end(), image) == images.end()) {
          images.push_back(image);
        }
      }
    }
  }
  return images;
}

/// What minikube and kubectl say, read on a thread of its own while the lists arrive; `details`
/// wait for the reporter, which belongs to the main thread.
struct ToolFacts {
  std::string minikube_version;
  std::string profile;
  std::string repository;
  std::optional<std::vector<std::string>> enabled_addons;
  std::string kubectl_path;
  std::optional<core::Version> kubectl_version;
  std::vector<std::string> details;
};

/// The minikube profile's release and image repository, when minikube answers; nothing otherwise.
void read_profile(ports::Minikube* minikube, const std::string& profile, ToolFacts& facts)
{
  if (minikube == nullptr) {
    return;
  }
  auto version = minikube->version();
  if (!version) {
    facts.details.push_back("minikube: " + version.error().message);
    return;
  }
  facts.minikube_version = version->version.str();
  auto profiles = minikube->profiles();
  if (!profiles) {
    facts.details.push_back("minikube profile list: " + profiles.error().message);
    return;
  }
  const auto& name = profile.empty() ? std::string("minikube") : profile;
  for (const auto& p : profiles->valid) {
    if (p.name != name) {
      continue;
    }
    facts.repository = p.image_repository;
    facts.profile = name;
    std::vector<std::string> enabled;
    for (const auto& [addon, on] : p.addons) {
      if (on) {
        enabled.push_back(addon);
      }
    }
    facts.enabled_addons = std::move(enabled);
  }
}

/// kubectl's version, for the skew analyzer; unknown when it does not answer.
void read_kubectl(const Ports& ports, const std::string& search_path, ToolFacts& facts)
{
  facts.kubectl_path = find_on_path(ports.fs, search_path, "kubectl");
  if (facts.kubectl_path.empty()) {
    return;
  }
  if (auto version = binary_version(ports.runner, facts.kubectl_path, core::install::Tool::kubectl)) {
    facts.kubectl_version = *version;
  } else {
    facts.details.push_back(version.error().message);
  }
}

/// The server's version, for the skew analyzer; unknown when it does not answer.
void read_server_version(ports::KubeApi& kube, core::doctor::Facts& facts, ports::Reporter& reporter)
{
  if (auto body = kube.get("/version")) {
    if (auto version = core::kube::parse_version_info(*body)) {
      facts.server_version = *version;
    }
  } else {
    reporter.detail(kube.server() + "/version: " + body.error().message);
  }
}

/// The host's CPUs and memory as preflight reads them, when a pod was refused for either:
/// the probe reads /proc and cgroups (no Docker), so it is only paid for when it explains something.
void read_host_size(const Ports& ports, core::doctor::Facts& facts)
{
  bool wanted = false;
  for (const auto& event : facts.snapshot.events) {
    wanted = wanted || (event.reason == "FailedScheduling" && (event.message.find("Insufficient cpu") != std::string::npos ||
                                                               event.message.find("Insufficient memory") != std::string::npos));
  }
  if (!wanted) {
    return;
  }
  ports::ProbeRequest request;
  request.check_docker = false;
  const auto host = ports.host.probe(request);
  if (const auto cpus = core::preflight::effective_cpus(host.cpu); cpus.known()) {
    std::ostringstream text;
    text << *cpus.value << (*cpus.value == 1 ? " CPU" : " CPUs");
    facts.host_cpus = core::finding::Evidence{text.str(), cpus.source};
  }
  if (const auto memory = core::preflight::effective_memory_bytes(host.memory); memory.known()) {
    facts.host_memory = core::finding::Evidence{std::to_string(*memory.value / core::preflight::k_mib) + " MiB",
                                                memory.source};
  }
}

} // namespace

util::Result<DoctorReport> diagnose(const Ports& ports, ports::Minikube* minikube, ports::KubeApi& kube,
                                    const DoctorOptions& options, ports::Reporter& reporter)
{
  DoctorReport report;
  report.server = kube.server();
  reporter.status("reading the cluster from " + report.server);
  // minikube's and kubectl's answers (processes, 0.1-0.5 s each) come in while the lists do.
  auto tools = std::async(std::launch::async, [&] {
    ToolFacts facts;
    read_profile(minikube, options.profile, facts);
    read_kubectl(ports, options.search_path, facts);
    return facts;
  });
  SnapshotRequest request{{objects::Resource::pods, objects::Resource::persistent_volume_claims,
                           objects::Resource::persistent_volumes, objects::Resource::storage_classes,
                           objects::Resource::nodes, objects::Resource::events},
                          options.namespace_name,
                          std::chrono::steady_clock::now() + options.list_timeout};
  auto snapshot = fetch_snapshot(kube, request);
  ToolFacts tool_facts = tools.get();
  for (const auto& line : tool_facts.details) {
    reporter.detail(line);
  }
  if (!snapshot) {
    auto error = snapshot.error();
    if (error.code == util::ExitCode::failure) {
      error.code = k_cluster_unreadable;
    }
    return error;
  }
  report.facts.snapshot = std::move(*snapshot);
  reporter.status("");
  for (const auto& failure : report.facts.snapshot.failures) {
    report.unavailable.push_back(failure.error.message); // it names the list: "cannot list events …"
  }

  report.facts.namespace_name = options.namespace_name;
  report.facts.minikube_version = std::move(tool_facts.minikube_version);
  report.facts.profile = std::move(tool_facts.profile);
  report.facts.enabled_addons = std::move(tool_facts.enabled_addons);
  report.facts.kubectl_path = std::move(tool_facts.kubectl_path);
  report.facts.kubectl_version = std::move(tool_facts.kubectl_version);
  read_server_version(kube, report.facts, reporter);
  read_host_size(ports, report.facts);
  DEVK8S_TRY(const auto map, map_for_repository(ports.fs, options.mirror, tool_facts.repository));
  if (map) {
    report.map = map->name;
  }

  // Each failing image, its mirror reading, and both on their registries in one batch.
  std::vector<ImageRef> asked;
  const auto ask = [&asked](const ImageRef& ref) {
    if (std::find(asked.begin(), asked.end(), ref) == asked.end()) {
      asked.push_back(ref);
    }
  };
  for (const auto& text : failing_images(report.facts.snapshot)) {
    core::doctor::ImageCheck check;
    check.image = text;
    auto ref = ImageRef::parse(text);
    if (ref && map) {
      auto resolution = core::image::resolve(*ref, *map);
      if (resolution.kind == core::image::ResolutionKind::repaired) {
        check.rule = map->describe_rule(resolution.candidates.front().rule_index);
        ask(resolution.chosen());
        check.resolution = std::move(resolution);
      }
    }
    if (ref && options.ask_registry) {
      ask(*ref);
    }
    report.facts.images.push_back(std::move(check));
  }
  if (options.ask_registry && !asked.empty()) {
    auto check_options = options.registry;
    for (const auto& image : report.facts.images) {
      if (image.resolution) {
        check_options.general_creds_registries.insert(image.resolution->chosen().domain());
      }
    }
    reporter.status("asking the registries about " + std::to_string(asked.size()) + " image(s)");
    const auto outcomes = ports.registry.check_manifests(asked, check_options);
    reporter.status("");
    const auto outcome_of = [&](const ImageRef& ref) {
      return outcomes[static_cast<std::size_t>(std::find(asked.begin(), asked.end(), ref) - asked.begin())];
    };
    for (auto& image : report.facts.images) {
      if (auto ref = ImageRef::parse(image.image)) {
        image.outcome = outcome_of(*ref);
      }
      if (image.resolution) {
        image.repaired_outcome = outcome_of(image.resolution->chosen());
      }
    }
  }
  auto analysis = core::doctor::analyze_all(report.facts);
  report.findings = std::move(analysis.findings);
  report.checks = std::move(analysis.checks);
  report.chains = core::finding::chains(report.findings);
  report.problems = core::finding::problems(report.chains);
  return report;
}

} // namespace devk8s::app
