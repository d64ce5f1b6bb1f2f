#include "core/image/workload_paths.hpp"

namespace devk8s::core::image {

namespace {

bool is_container_list(std::string_view key)
{
  return key == "containers" || key == "initContainers" || key == "ephemeralContainers";
}

} // namespace

Role child_role(Role parent, std::string_view key)
{
  switch (parent) {
  case Role::object:
    if (key == "kind") {
      return Role::scalar_kind;
    }
    if (key == "metadata") {
      return Role::metadata;
    }
    if (key == "spec") {
      return Role::spec;
    }
    return key == "items" ? Role::items : Role::other;
  case Role::metadata:
    return key == "name" ? Role::scalar_name : Role::other;
  case Role::spec:
    if (key == "template") {
      return Role::pod_template;
    }
    if (key == "jobTemplate") {
      return Role::job_template;
    }
    return is_container_list(key) ? Role::container_list : Role::other;
  case Role::job_template:
    return key == "spec" ? Role::job_spec : Role::other;
  case Role::job_spec:
    return key == "template" ? Role::pod_template : Role::other;
  case Role::pod_template:
    return key == "spec" ? Role::pod_spec : Role::other;
  case Role::pod_spec:
    return is_container_list(key) ? Role::container_list : Role::other;
  case Role::container:
    if (key == "image") {
      return Role::scalar_image;
    }
    return key == "name" ? Role::scalar_cname : Role::other;
  default:
    return Role::other;
  }
}

std::optional<std::string_view> role_noun(Role role)
{
  switch (role) {
  case Role::spec:
  case Role::pod_spec:
  case Role::job_spec:
    return "spec";
  case Role::pod_template:
    return "template";
  case Role::job_template:
    return "jobTemplate";
  case Role::container_list:
    return "containers";
  case Role::container:
    return "container";
  default:
    return std::nullopt;
  }
}

bool kind_has_shape(const std::string& kind, Shape shape)
{
  switch (shape) {
  case Shape::pod:
    return kind == "Pod";
  case Shape::workload:
    return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet" ||
           kind == "ReplicationController" || kind == "Job";
  case Shape::cronjob:
    return kind == "CronJob";
  }
  return false;
}

bool is_list_kind(const std::string& kind)
{
  return kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0;
}

} // namespace devk8s::core::image
