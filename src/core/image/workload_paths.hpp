// Where container images live in Kubernetes objects: the roles of the nodes on the way from a
// document to a container's `image`, and which kinds have a PodSpec where. Shapes follow the
// Kubernetes v1.20 API reference (PodSpec, PodTemplateSpec, JobTemplateSpec).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::image {

/// Anything not on a path to a container image is `other`, and everything below `other` is
/// skipped without string work.
enum class Role : unsigned char {
  other,
  object,          ///< a top-level document or a List item
  metadata,        ///< object.metadata
  spec,            ///< object.spec
  pod_template,    ///< spec.template (workloads) or jobTemplate.spec.template (CronJob)
  pod_spec,        ///< the PodSpec below a pod_template
  job_template,    ///< CronJob spec.jobTemplate
  job_spec,        ///< CronJob spec.jobTemplate.spec
  container_list,  ///< PodSpec.{containers,initContainers,ephemeralContainers}
  container,       ///< an element of a container_list
  items,           ///< object.items
  scalar_kind,     ///< object.kind
  scalar_name,     ///< metadata.name
  scalar_cname,    ///< container.name
  scalar_image,    ///< container.image
};

inline bool is_scalar_role(Role role) { return role >= Role::scalar_kind; }

/// The three places a PodSpec can be.
enum class Shape : unsigned char {
  pod,      ///< spec (Pod)
  workload, ///< spec.template.spec (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job)
  cronjob,  ///< spec.jobTemplate.spec.template.spec (CronJob)
};

/// The role of the value under `key` in a mapping of role `parent`.
Role child_role(Role parent, std::string_view key);

/// How a message names a node of `role` on the way to container images ("spec", "template",
/// "containers", "container"); nullopt for roles with no image below them.
std::optional<std::string_view> role_noun(Role role);

/// Whether objects of `kind` have their PodSpec at `shape`.
bool kind_has_shape(const std::string& kind, Shape shape);

/// "List" (kubectl) or a typed list ("PodList"): its items are objects.
bool is_list_kind(const std::string& kind);

} // namespace devk8s::core::image
