// The cluster as one command saw it: the typed lists it asked for, and which lists it could not
// get and why. A list that failed (403 on events, a timeout) is recorded, not fatal: analyzers
// work with what there is and say what they could not check. Filled from the API's lists by an
// adapter; decoded here, purely.
#pragma once

#include "core/kube/objects/event.hpp"
#include "core/kube/objects/node.hpp"
#include "core/kube/objects/pod.hpp"
#include "core/kube/objects/storage.hpp"
#include "core/kube/objects/workload.hpp"
#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::kube::objects {

/// The lists a snapshot can hold, by resource.
enum class Resource {
  pods,
  persistent_volume_claims,
  persistent_volumes,
  storage_classes,
  nodes,
  events,
  deployments,
  stateful_sets,
  daemon_sets,
  replica_sets,
  jobs,
};

/// The API's plural name, as `kubectl get` takes it: "pods", "persistentvolumeclaims", "storageclasses".
std::string_view to_string(Resource resource);
/// The path that lists `resource` in every namespace ("/api/v1/pods"), or in `namespace_name`
/// when it is not empty ("/api/v1/namespaces/default/pods"; ignored for cluster-scoped
/// resources: persistent volumes, storage classes, nodes).
std::string list_api_path(Resource resource, std::string_view namespace_name = {});

/// The items of one decoded list, and how many were left out: elements that are not objects,
/// and items whose own "kind" is another kind (a mixed List from `kubectl get pods,pvc -o json`).
template <typename T>
struct DecodedList {
  std::vector<T> items;
  std::size_t skipped = 0;
};

// One decoder per type for a List document: the API's typed list ({"kind":"PodList",
// "items":[…]}; its items carry no kind) or kubectl's ({"kind":"List","items":[{"kind":"Pod",…}]}).
// Contract: an Error when the document is not an object, has a "kind" that is neither "List"
// nor the type's list kind, or has "items" that is neither an array nor null; otherwise the
// items, where an item that is not an object or is of another kind is skipped and counted, and a
// field that is missing or of the wrong type is left empty in its item. Nothing throws: each read
// checks its type, and a JSON exception all the same becomes an Error at this boundary.
// The document is consumed (strings are moved out of it).
util::Result<DecodedList<Pod>> decode_pod_list(nlohmann::json&& list);
util::Result<DecodedList<PersistentVolumeClaim>> decode_persistent_volume_claim_list(nlohmann::json&& list);
util::Result<DecodedList<PersistentVolume>> decode_persistent_volume_list(nlohmann::json&& list);
util::Result<DecodedList<StorageClass>> decode_storage_class_list(nlohmann::json&& list);
util::Result<DecodedList<Node>> decode_node_list(nlohmann::json&& list);
util::Result<DecodedList<Event>> decode_event_list(nlohmann::json&& list);
util::Result<DecodedList<Workload>> decode_workload_list(nlohmann::json&& list, WorkloadKind kind);

/// A list that could not be had: the resource, and the error that says why (the API's Status
/// in words, a timeout, a document that was not a list).
struct ListFailure {
  Resource resource = Resource::pods;
  util::Error error;
};

struct Snapshot {
  std::vector<Pod> pods;
  std::vector<PersistentVolumeClaim> persistent_volume_claims;
  std::vector<PersistentVolume> persistent_volumes;
  std::vector<StorageClass> storage_classes;
  std::vector<Node> nodes;
  std::vector<Event> events;
  std::vector<Workload> workloads; ///< every workload kind, in the order the lists were added
  std::vector<ListFailure> failures;
  std::size_t skipped_items = 0; ///< items left out of the lists (see DecodedList::skipped)

  /// Decodes the items of one list as KubeApi::list returns them (the List's "items", already
  /// joined across pages) and appends them. Items that are not objects, or whose own "kind" is
  /// another kind, are skipped and counted in skipped_items.
  void add_items(Resource resource, std::vector<nlohmann::json>&& items);
  /// add_items for one item, as a list's pages are read item by item.
  void add_item(Resource resource, nlohmann::json&& item);
  /// Makes room for `items` more items of `resource` (a list's announced size).
  void reserve(Resource resource, std::size_t items);
  /// Appends every list and failure of `part` (the lists of one resource read apart).
  void absorb(Snapshot&& part);
  /// Decodes a List document (see the decoders above) and appends its items; a document that
  /// is not a list of `resource` is recorded as that resource's failure.
  void add_list(Resource resource, nlohmann::json&& list);
  /// Records that `resource` could not be listed.
  void add_failure(Resource resource, util::Error error);

  /// The failure recorded for `resource`, or nullptr when it was not recorded as failed.
  const ListFailure* failure(Resource resource) const;
  /// Every list that was asked for arrived.
  bool complete() const { return failures.empty(); }
};

} // namespace devk8s::core::kube::objects
