// `devk8s retag`: gives a minikube profile's nodes the images its addon pods (or any pod) cannot
// pull. Gathers the profile (minikube), the pods and claims (the API), a source for each
// wanted image (the mirror map's repair, confirmed on the registry), then hands core/retag the
// facts for a plan; apply_retag runs it and reads back what changed.
#pragma once

#include "app/cluster_access.hpp"
#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/minikube/container_runtime.hpp"
#include "core/retag/cluster_state.hpp"
#include "core/retag/retag_plan.hpp"
#include "core/version.hpp"
#include "exec/executor.hpp"
#include "ports/minikube.hpp"
#include "ports/registry_client.hpp"
#include "ports/reporter.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct RetagOptions {
  std::vector<std::string> addons; ///< ADDON...
  std::string image;               ///< --image WANTED (instead of addons)
  std::string from;                ///< --from SOURCE (with --image)
  std::string profile;             ///< -p; "" = minikube's default profile
  MirrorOptions mirror;
  KubeOptions kube; ///< its context defaults to the profile's name, as minikube names it
  ports::RegistryCheckOptions registry;
  bool via_host = false;
  bool ask_upstream = true; ///< also ask for the upstream image a naive path stood for, to compare digests
  std::string search_path;          ///< PATH, where --via-host looks for skopeo, then docker
  std::string scratch_dir = "/tmp"; ///< TMPDIR: where --via-host makes a private directory for its archive
  std::string scratch_token;        ///< that directory's random part; "" = a new one (tests fix it)
  std::chrono::milliseconds timeout{300000}; ///< each wait
  std::chrono::milliseconds interval{2000};
};

/// One image a pod cannot get, and what will give it.
struct WantedImage {
  std::string addon; ///< "" for --image
  std::string wanted;
  std::vector<std::string> pods; ///< "namespace/name" of the pods failing on it
  std::string reason;            ///< the kubelet's, e.g. "ImagePullBackOff"; "" when no pod asked yet
  std::string message;
  core::retag::ImageRepair repair;
  std::string digest; ///< the source's, as the registry gave it
  std::string rule;   ///< the mirror map's rule that named the source, or ""
  std::vector<std::string> warnings;
};

struct RetagAnalysis {
  std::string profile;
  core::Version minikube;
  core::minikube::ContainerRuntime runtime = core::minikube::ContainerRuntime::docker;
  std::vector<std::string> nodes; ///< as `minikube ssh -n` names them; "" is the control plane
  std::string map;                ///< the mirror map used, or ""
  std::vector<core::retag::AddonState> addons;
  std::vector<WantedImage> images;
  std::vector<core::retag::Dependent> dependents;
  core::plan::Plan plan;
  std::string server; ///< the API server asked
  /// --image as the pods spell it (familiar or normalised): read again after the plan.
  std::vector<std::string> image_spellings;
};

/// The cluster a profile's commands talk to: the kubeconfig context named after the profile
/// (minikube's), unless --kubeconfig/--context name another.
util::Result<std::unique_ptr<ports::KubeApi>> connect_profile(const Ports& ports, KubeOptions kube,
                                                              const std::string& profile);

/// Errors (nothing changed): bad options; minikube missing, or the profile absent or not
/// running; an addon devk8s does not know or the profile has disabled; an image from the
/// cluster that is not a valid reference; an addon pod that is unhealthy for another reason;
/// an image with no source on any registry; a digest-pinned image a tag cannot satisfy.
/// The profile's cluster, connected once the profile is known to run (connect_profile, kept by
/// the caller for the executor).
using KubeConnect = std::function<util::Result<ports::KubeApi*>(const std::string& profile)>;

util::Result<RetagAnalysis> analyze_retag(const Ports& ports, ports::Minikube& minikube, const KubeConnect& connect,
                                          const RetagOptions& options, ports::Reporter& reporter);

struct RetagOutcome {
  std::vector<core::retag::AddonState> addons;        ///< as they are after the plan
  std::vector<core::retag::Dependent> dependents;     ///< analysis.dependents, now
  std::vector<core::retag::PodState> still_failing;   ///< --image: pods that still cannot pull it
};

/// Runs the plan, then reads the addons, their dependents and the pods of --image back.
util::Result<RetagOutcome> apply_retag(ports::KubeApi& kube, const RetagAnalysis& analysis, exec::Executor& executor);

} // namespace devk8s::app
