#include "core/minikube/capabilities.hpp"

#include <tuple>

namespace devk8s::core::minikube {

namespace {

bool at_least(const Version& v, int major, int minor, int patch)
{
  // A prerelease of a boundary (v1.24.0-beta.0) is treated as the release: minikube's betas
  // already carry the change they precede.
  return std::tie(v.major, v.minor, v.patch) >= std::tie(major, minor, patch);
}

} // namespace

std::string_view to_string(AliyunAddonRule rule)
{
  switch (rule) {
  case AliyunAddonRule::naive:
    return "naive prefix";
  case AliyunAddonRule::strip_namespaces:
    return "fixAddonImages (v1.23.1)";
  case AliyunAddonRule::mapping_table:
    return "aliyun_mirror.json (v1.24.0)";
  case AliyunAddonRule::mapping_table_hub:
    return "aliyun_mirror.json with docker.io keys (v1.27.0)";
  }
  return "naive prefix";
}

Capabilities capabilities_of(const Version& minikube)
{
  const Version& v = minikube;
  Capabilities c;
  c.version = v;
  // minikube.md §1 "Fix timeline".
  if (at_least(v, 1, 27, 0)) {
    c.aliyun_addon_rule = AliyunAddonRule::mapping_table_hub;
  } else if (at_least(v, 1, 24, 0)) {
    c.aliyun_addon_rule = AliyunAddonRule::mapping_table;
  } else if (at_least(v, 1, 23, 1)) {
    c.aliyun_addon_rule = AliyunAddonRule::strip_namespaces;
  }
  c.aliyun_images_list_fix = at_least(v, 1, 26, 0);
  c.addon_hub_registry_explicit = at_least(v, 1, 27, 0);
  c.images_list_nested_provisioner = at_least(v, 1, 23, 0);
  // §3.
  c.addon_custom_images = at_least(v, 1, 18, 0);
  c.addon_custom_images_persist = at_least(v, 1, 21, 0);
  // §1 (--image-repository).
  c.image_repository_port = at_least(v, 1, 23, 0);
  // §4 (start's checks).
  c.rootless_docker = at_least(v, 1, 23, 0);
  c.ignores_numcpu_itself = at_least(v, 1, 29, 0);
  c.false_cgroup_memory_warning = at_least(v, 1, 20, 0) && !at_least(v, 1, 26, 0);
  // §5 (`minikube image` by version).
  c.image.load = at_least(v, 1, 18, 0);
  c.image.rm = at_least(v, 1, 19, 0);
  c.image.ls = at_least(v, 1, 19, 0);
  c.image.pull = at_least(v, 1, 23, 0);
  c.image.tag = c.image.pull;
  c.image.push = c.image.pull;
  c.image.save = c.image.pull;
  c.image.ls_json = at_least(v, 1, 25, 0);
  return c;
}

} // namespace devk8s::core::minikube
