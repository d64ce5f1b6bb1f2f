// A pod's containers as devk8s reads them: the spec (Container v1 core: image, pull policy,
// resources, the Secrets and ConfigMaps its environment needs) and the kubelet's report
// (ContainerStatus v1 core: state, last termination, restarts). Init containers use the same types.
#pragma once

#include "core/kube/objects/api_enum.hpp"
#include "core/kube/objects/resource_list.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::kube::objects {

/// imagePullPolicy: "Always", "IfNotPresent", "Never".
enum class PullPolicy { always, if_not_present, never, unrecognized };

/// A Secret or ConfigMap the container's environment reads: env[].valueFrom.secretKeyRef /
/// configMapKeyRef (with a key) or envFrom[].secretRef / configMapRef (the whole object).
/// A missing one that is not optional is what the kubelet reports as CreateContainerConfigError.
struct EnvReference {
  enum class Kind { secret, config_map };
  Kind kind = Kind::secret;
  std::string name;     ///< name of the Secret or ConfigMap
  std::string key;      ///< key (valueFrom only; empty for envFrom)
  std::string variable; ///< env[].name (valueFrom only)
  bool optional = false; ///< optional
};

/// spec.containers[] / spec.initContainers[] (Container v1 core).
struct Container {
  std::string name;                ///< name
  std::string image;               ///< image, as written in the spec
  ApiEnum<PullPolicy> image_pull_policy; ///< imagePullPolicy
  ResourceList requests;           ///< resources.requests
  ResourceList limits;             ///< resources.limits
  std::vector<EnvReference> env_references; ///< env[].valueFrom, then envFrom[], in spec order
};

/// ContainerState v1 core: exactly one of waiting, running, terminated is set; `none` when the
/// kubelet has not reported one (or the object had none of the three).
struct ContainerState {
  enum class Kind { none, waiting, running, terminated };
  Kind kind = Kind::none;
  std::string reason;   ///< waiting.reason / terminated.reason: "ImagePullBackOff", "OOMKilled"
  std::string message;  ///< waiting.message / terminated.message: the kubelet's words, verbatim
  std::optional<int> exit_code; ///< terminated.exitCode
  std::optional<int> signal;    ///< terminated.signal
  std::string started_at;       ///< running.startedAt / terminated.startedAt (RFC 3339 text)
  std::string finished_at;      ///< terminated.finishedAt

  bool waiting() const { return kind == Kind::waiting; }
  bool running() const { return kind == Kind::running; }
  bool terminated() const { return kind == Kind::terminated; }
};

/// status.containerStatuses[] / status.initContainerStatuses[] (ContainerStatus v1 core).
struct ContainerStatus {
  std::string name;     ///< name
  std::string image;    ///< image: what the kubelet runs (may differ in form from the spec's)
  std::string image_id; ///< imageID: "docker-pullable://…@sha256:…"; empty until pulled
  bool ready = false;   ///< ready
  int restart_count = 0; ///< restartCount
  ContainerState state;      ///< state
  ContainerState last_state; ///< lastState: the previous termination, for CrashLoopBackOff
};

/// Each decoder moves strings out of `object`; missing or mistyped fields stay empty; never throws.
Container decode_container(nlohmann::json& object);
ContainerStatus decode_container_status(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
