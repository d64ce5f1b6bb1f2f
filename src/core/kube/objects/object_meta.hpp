// The part of an object's metadata (ObjectMeta, Kubernetes API reference "ObjectMeta v1 meta")
// that devk8s reads: identity, labels, annotations and owners. Not managedFields,
// resourceVersion or finalizers.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace devk8s::core::kube::objects {

/// metadata.ownerReferences[] (OwnerReference v1 meta).
struct OwnerReference {
  std::string kind; ///< kind: "StatefulSet", "ReplicaSet", "Job", "Node"
  std::string name; ///< name
  std::string uid;  ///< uid
  bool controller = false; ///< controller: this owner manages the object
};

struct ObjectMeta {
  std::string name;          ///< name
  std::string namespace_name; ///< namespace; empty for cluster-scoped objects
  std::string uid;           ///< uid
  std::map<std::string, std::string> labels;      ///< labels
  std::map<std::string, std::string> annotations; ///< annotations
  std::vector<OwnerReference> owner_references;   ///< ownerReferences
  std::string creation_timestamp; ///< creationTimestamp, RFC 3339 text as sent ("2021-05-19T14:02:11Z")

  /// The owner with controller=true, or nullptr (what `kubectl describe` shows as "Controlled By").
  const OwnerReference* controller() const;
  /// The annotation's value, or empty.
  const std::string& annotation(const std::string& key) const;
  /// The label's value, or empty.
  const std::string& label(const std::string& key) const;
};

/// Decodes `object`'s "metadata" member, moving its strings out. Missing or mistyped fields are
/// left empty; never throws.
ObjectMeta decode_object_meta(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
