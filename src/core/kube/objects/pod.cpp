#include "core/kube/objects/pod.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<PodPhase> k_phases[] = {{"Pending", PodPhase::pending},
                                           {"Running", PodPhase::running},
                                           {"Succeeded", PodPhase::succeeded},
                                           {"Failed", PodPhase::failed},
                                           {"Unknown", PodPhase::unknown}};

std::string take_nested_string(Json& object, std::string_view key, std::string_view field)
{
  Json* nested = object_member(object, key);
  return nested == nullptr ? std::string() : take_string(*nested, field);
}

} // namespace

const Container* Pod::container(const std::string& name) const
{
  for (const auto* list : {&containers, &init_containers}) {
    for (const auto& candidate : *list) {
      if (candidate.name == name) {
        return &candidate;
      }
    }
  }
  return nullptr;
}

std::vector<std::string> Pod::claim_names() const
{
  std::vector<std::string> names;
  for (const auto& volume : volumes) {
    if (!volume.claim_name.empty()) {
      names.push_back(volume.claim_name);
    }
  }
  return names;
}

Pod decode_pod(nlohmann::json& object)
{
  Pod pod;
  pod.metadata = decode_object_meta(object);
  if (Json* spec = object_member(object, "spec")) {
    pod.node_name = take_string(*spec, "nodeName");
    pod.scheduler_name = take_string(*spec, "schedulerName");
    for_each_object(*spec, "containers", [&](Json& c) { pod.containers.push_back(decode_container(c)); });
    for_each_object(*spec, "initContainers", [&](Json& c) { pod.init_containers.push_back(decode_container(c)); });
    for_each_object(*spec, "volumes", [&](Json& volume) {
      pod.volumes.push_back({take_string(volume, "name"), take_nested_string(volume, "persistentVolumeClaim", "claimName"),
                             take_nested_string(volume, "configMap", "name"),
                             take_nested_string(volume, "secret", "secretName")});
    });
  }
  if (Json* status = object_member(object, "status")) {
    pod.phase = take_enum(*status, "phase", k_phases);
    pod.reason = take_string(*status, "reason");
    pod.message = take_string(*status, "message");
    pod.conditions = decode_conditions(*status);
    for_each_object(*status, "containerStatuses",
                    [&](Json& s) { pod.container_statuses.push_back(decode_container_status(s)); });
    for_each_object(*status, "initContainerStatuses",
                    [&](Json& s) { pod.init_container_statuses.push_back(decode_container_status(s)); });
  }
  return pod;
}

} // namespace devk8s::core::kube::objects
