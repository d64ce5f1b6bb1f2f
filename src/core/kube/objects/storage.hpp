// The storage chain a Pending claim hangs on: PersistentVolumeClaim → StorageClass → its
// provisioner, and the PersistentVolume that should be bound (PersistentVolumeClaim v1 core,
// PersistentVolume v1 core, StorageClass v1 storage.k8s.io).
#pragma once

#include "core/kube/objects/api_enum.hpp"
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace devk8s::core::kube::objects {

/// The annotations the PV controller sets on a claim it hands to an external provisioner: the
/// GA name since Kubernetes 1.23, and the beta one that older clusters (the seed's v1.20) set.
inline constexpr const char* k_storage_provisioner_annotation = "volume.kubernetes.io/storage-provisioner";
inline constexpr const char* k_beta_storage_provisioner_annotation = "volume.beta.kubernetes.io/storage-provisioner";
/// A claim's class in the annotation that preceded spec.storageClassName; still honoured, and
/// before the field.
inline constexpr const char* k_beta_storage_class_annotation = "volume.beta.kubernetes.io/storage-class";
/// The default-class marks: the value must be exactly "true".
inline constexpr const char* k_default_class_annotation = "storageclass.kubernetes.io/is-default-class";
inline constexpr const char* k_beta_default_class_annotation = "storageclass.beta.kubernetes.io/is-default-class";

/// PersistentVolumeClaimPhase: "Pending", "Bound", "Lost".
enum class ClaimPhase { pending, bound, lost, unrecognized };
/// PersistentVolumePhase: "Pending", "Available", "Bound", "Released", "Failed".
enum class VolumePhase { pending, available, bound, released, failed, unrecognized };
/// VolumeBindingMode: "Immediate", "WaitForFirstConsumer". The API server defaults an absent
/// one to Immediate, so an absent value is only seen in hand-written documents.
enum class VolumeBindingMode { immediate, wait_for_first_consumer, unrecognized };

struct PersistentVolumeClaim {
  ObjectMeta metadata;
  /// spec.storageClassName: nullopt when absent (the default class applies), "" when the claim
  /// asks for no class at all. These differ, so this is not a plain string.
  std::optional<std::string> storage_class_name;
  std::string volume_name;      ///< spec.volumeName: the bound PV
  std::string requested_storage; ///< spec.resources.requests.storage
  ApiEnum<ClaimPhase> phase;     ///< status.phase

  /// The class the claim asks for: the beta annotation when set, else spec.storageClassName.
  std::optional<std::string> storage_class() const;
  /// The provisioner the PV controller is waiting for (the GA annotation, else the beta one);
  /// empty when neither is set.
  const std::string& storage_provisioner() const;
};

/// spec.claimRef (ObjectReference v1 core): the claim a volume is bound or reserved to.
struct ClaimReference {
  std::string namespace_name; ///< namespace
  std::string name;           ///< name
  std::string uid;            ///< uid
};

struct PersistentVolume {
  ObjectMeta metadata;
  std::optional<ClaimReference> claim_ref; ///< spec.claimRef
  std::string storage_class_name; ///< spec.storageClassName ("" for none)
  std::string capacity;           ///< spec.capacity.storage
  ApiEnum<VolumePhase> phase;     ///< status.phase
  std::string reason;             ///< status.reason
  std::string message;            ///< status.message
};

struct StorageClass {
  ObjectMeta metadata;
  std::string provisioner; ///< provisioner: "k8s.io/minikube-hostpath", "rancher.io/local-path"
  ApiEnum<VolumeBindingMode> volume_binding_mode; ///< volumeBindingMode

  /// Marked default by either annotation (value "true", as the DefaultStorageClass admission
  /// plugin compares it).
  bool is_default() const;
};

/// Each decoder moves strings out of `object`; missing or mistyped fields stay empty; never throws.
PersistentVolumeClaim decode_persistent_volume_claim(nlohmann::json& object);
PersistentVolume decode_persistent_volume(nlohmann::json& object);
StorageClass decode_storage_class(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
