#include "core/kube/objects/storage.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<ClaimPhase> k_claim_phases[] = {
    {"Pending", ClaimPhase::pending}, {"Bound", ClaimPhase::bound}, {"Lost", ClaimPhase::lost}};
constexpr EnumName<VolumePhase> k_volume_phases[] = {{"Pending", VolumePhase::pending},
                                                     {"Available", VolumePhase::available},
                                                     {"Bound", VolumePhase::bound},
                                                     {"Released", VolumePhase::released},
                                                     {"Failed", VolumePhase::failed}};
constexpr EnumName<VolumeBindingMode> k_binding_modes[] = {
    {"Immediate", VolumeBindingMode::immediate}, {"WaitForFirstConsumer", VolumeBindingMode::wait_for_first_consumer}};

} // namespace

std::optional<std::string> PersistentVolumeClaim::storage_class() const
{
  // pkg/apis/core/v1/helper GetPersistentVolumeClaimClass: the annotation wins over the field.
  if (const auto found = metadata.annotations.find(k_beta_storage_class_annotation);
      found != metadata.annotations.end()) {
    return found->second;
  }
  return storage_class_name;
}

const std::string& PersistentVolumeClaim::storage_provisioner() const
{
  const std::string& ga = metadata.annotation(k_storage_provisioner_annotation);
  return ga.empty() ? metadata.annotation(k_beta_storage_provisioner_annotation) : ga;
}

bool StorageClass::is_default() const
{
  return metadata.annotation(k_default_class_annotation) == "true" ||
         metadata.annotation(k_beta_default_class_annotation) == "true";
}

PersistentVolumeClaim decode_persistent_volume_claim(nlohmann::json& object)
{
  PersistentVolumeClaim claim;
  claim.metadata = decode_object_meta(object);
  if (Json* spec = object_member(object, "spec")) {
    if (Json* class_name = member(*spec, "storageClassName"); class_name != nullptr && class_name->is_string()) {
      claim.storage_class_name = std::move(class_name->get_ref<std::string&>());
    }
    claim.volume_name = take_string(*spec, "volumeName");
    if (Json* resources = object_member(*spec, "resources")) {
      if (Json* requests = object_member(*resources, "requests")) {
        claim.requested_storage = take_quantity(*requests, "storage");
      }
    }
  }
  if (Json* status = object_member(object, "status")) {
    claim.phase = take_enum(*status, "phase", k_claim_phases);
  }
  return claim;
}

PersistentVolume decode_persistent_volume(nlohmann::json& object)
{
  PersistentVolume volume;
  volume.metadata = decode_object_meta(object);
  if (Json* spec = object_member(object, "spec")) {
    if (Json* ref = object_member(*spec, "claimRef")) {
      volume.claim_ref = ClaimReference{take_string(*ref, "namespace"), take_string(*ref, "name"),
                                        take_string(*ref, "uid")};
    }
    volume.storage_class_name = take_string(*spec, "storageClassName");
    if (Json* capacity = object_member(*spec, "capacity")) {
      volume.capacity = take_quantity(*capacity, "storage");
    }
  }
  if (Json* status = object_member(object, "status")) {
    volume.phase = take_enum(*status, "phase", k_volume_phases);
    volume.reason = take_string(*status, "reason");
    volume.message = take_string(*status, "message");
  }
  return volume;
}

StorageClass decode_storage_class(nlohmann::json& object)
{
  StorageClass storage_class;
  storage_class.metadata = decode_object_meta(object);
  storage_class.provisioner = take_string(object, "provisioner");
  storage_class.volume_binding_mode = take_enum(object, "volumeBindingMode", k_binding_modes);
  return storage_class;
}

} // namespace devk8s::core::kube::objects
