// The plan that gives a minikube node an image it cannot pull: the source pulled and tagged with
// the wanted name inside every node (through `minikube ssh` and the runtime's own client, or
// `minikube image` where the release has it, or pulled on the host and loaded), the addon
// re-enabled (with --images/--registries for an image pinned by digest, which no tag satisfies),
// then waits until the addon's pods are Ready and its claims Bound. Pure: every argv is built
// by core/minikube from references that passed ImageRef::parse.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/minikube/addon_pods.hpp"
#include "core/minikube/capabilities.hpp"
#include "core/minikube/container_runtime.hpp"
#include "core/minikube/minikube_argv.hpp"
#include "core/plan/plan.hpp"
#include "util/result.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::retag {

enum class Method {
  node_runtime,   ///< minikube ssh [-n NODE] -- docker|crictl+ctr|podman pull, then tag: every node
  minikube_image, ///< minikube image pull, then image tag (v1.23.0+: every node at once)
  host_skopeo,    ///< skopeo copy to a docker-archive named as wanted, then minikube image load
  host_docker,    ///< docker pull, tag and save on the host, then minikube image load
  addon_images,   ///< addons enable --images/--registries naming the source: a digest-pinned image
};

std::string_view to_string(Method method);

struct ImageRepair {
  std::string addon; ///< "" for `retag --image`
  std::string key;   ///< the addon's --images/--registries key ("Dashboard"), "" when unknown
  image::ImageRef wanted;
  image::ImageRef source;
  Method method = Method::node_runtime;
};

/// How to put `wanted` on the nodes: a digest-pinned image only through the addon's flags (an
/// Error when the addon has no key for it or the release has no such flags); else the host's
/// tool when `host_tool` is set (its file name says which: "skopeo" or "docker"); else
/// `minikube image` when the release has pull and tag; else the runtime through ssh.
util::Result<Method> choose_method(const minikube::Capabilities& caps, const image::ImageRef& wanted,
                                   const std::string& key, const std::string& host_tool);

struct PodRef {
  std::string namespace_name;
  std::string name;
};

/// An addon to re-create once its images are in place.
struct AddonRestart {
  std::string addon;
  std::string namespace_name;
  /// Pods in image-pull back-off, deleted (and waited gone) before the enable: `addons enable`
  /// re-applies an unchanged bare Pod without re-creating it, and the kubelet's back-off reaches
  /// five minutes.
  std::vector<std::string> delete_pods;
  std::vector<minikube::Labels> ready_selectors;
  std::vector<PodRef> claims; ///< Pending claims of its provisioner, waited for Bound
};

struct RetagPlanInput {
  minikube::MinikubeTarget target; ///< the binary and profile; `node` is ignored
  minikube::Capabilities caps;
  minikube::ContainerRuntime runtime = minikube::ContainerRuntime::docker;
  /// The nodes by the names `minikube ssh -n` takes; "" is the primary control plane.
  std::vector<std::string> nodes{""};
  std::vector<ImageRepair> images;
  std::vector<AddonRestart> addons;
  std::vector<PodRef> delete_pods; ///< `retag --image`: pods in back-off that a controller re-creates
  std::string host_tool;           ///< skopeo's or docker's path, for the host_* methods
  std::vector<std::string> insecure_registries; ///< sources skopeo reads over plain HTTP
  std::string scratch_dir = "/tmp"; ///< where host_* methods make a private directory for the archive
  /// Random, per run (8 to 32 of [a-z0-9]): the private directory's name cannot be guessed.
  std::string scratch_token;
  std::chrono::milliseconds timeout{300000};
  std::chrono::milliseconds interval{2000};
  std::chrono::milliseconds node_timeout{600000}; ///< one pull through a slow mirror
};

/// The plan; empty (no steps) when nothing needs doing. Errors for a name that cannot be sent
/// (a pod or namespace name that is not a DNS subdomain, an image a method cannot handle).
util::Result<plan::Plan> plan_retag(const RetagPlanInput& input);

/// Whether `token` can name the host methods' private directory: 8 to 32 of [a-z0-9].
bool valid_scratch_token(std::string_view token);

/// Kubernetes object names as the API validates them (DNS-1123 subdomain, at most 253 bytes):
/// the only names retag puts in an API path.
bool valid_object_name(std::string_view name);

} // namespace devk8s::core::retag
