#include "core/kube/objects/snapshot.hpp"

#include "core/kube/objects/json_fields.hpp"
#include "util/strings.hpp"

#include <iterator>
#include <utility>

namespace devk8s::core::kube::objects {

namespace {

using fields::Json;

struct ResourceInfo {
  Resource resource;
  std::string_view plural;
  std::string_view api_prefix; ///< the group version's path
  bool namespaced;
  std::string_view kind;
};

// In the enum's order, so a Resource indexes it.
constexpr ResourceInfo k_resources[] = {
    {Resource::pods, "pods", "/api/v1", true, "Pod"},
    {Resource::persistent_volume_claims, "persistentvolumeclaims", "/api/v1", true, "PersistentVolumeClaim"},
    {Resource::persistent_volumes, "persistentvolumes", "/api/v1", false, "PersistentVolume"},
    {Resource::storage_classes, "storageclasses", "/apis/storage.k8s.io/v1", false, "StorageClass"},
    {Resource::nodes, "nodes", "/api/v1", false, "Node"},
    {Resource::events, "events", "/api/v1", true, "Event"},
    {Resource::deployments, "deployments", "/apis/apps/v1", true, "Deployment"},
    {Resource::stateful_sets, "statefulsets", "/apis/apps/v1", true, "StatefulSet"},
    {Resource::daemon_sets, "daemonsets", "/apis/apps/v1", true, "DaemonSet"},
    {Resource::replica_sets, "replicasets", "/apis/apps/v1", true, "ReplicaSet"},
    {Resource::jobs, "jobs", "/apis/batch/v1", true, "Job"},
};
static_assert(std::size(k_resources) == static_cast<std::size_t>(Resource::jobs) + 1);

const ResourceInfo& info(Resource resource) { return k_resources[static_cast<std::size_t>(resource)]; }

// An item of a list of `kind`: an object whose own "kind", when it has one, is `kind`.
bool belongs(const Json& item, std::string_view kind)
{
  if (!item.is_object()) {
    return false;
  }
  const auto own = item.find("kind");
  return own == item.end() || !own->is_string() || own->get_ref<const std::string&>() == kind;
}

template <typename T, typename Items, typename Decode>
DecodedList<T> decode_items(Items& items, std::string_view kind, Decode decode)
{
  DecodedList<T> decoded;
  decoded.items.reserve(items.size());
  for (auto& item : items) {
    if (belongs(item, kind)) {
      decoded.items.push_back(decode(item));
    } else {
      ++decoded.skipped;
    }
  }
  return decoded;
}

template <typename T, typename Decode>
util::Result<DecodedList<T>> decode_list(Json& list, std::string_view kind, Decode decode)
{
  const std::string list_kind = std::string(kind) + "List";
  try {
    if (!list.is_object()) {
      return util::failure("not a " + list_kind + ": the document is JSON of type " + list.type_name());
    }
    const std::string own_kind = fields::take_string(list, "kind");
    if (!own_kind.empty() && own_kind != "List" && own_kind != list_kind) {
      return util::failure("not a " + list_kind + ": its kind is " + util::quoted(own_kind));
    }
    Json* items = fields::member(list, "items");
    if (items == nullptr || items->is_null()) {
      return DecodedList<T>{};
    }
    if (!items->is_array()) {
      return util::failure("not a " + list_kind + ": its \"items\" is JSON of type " + items->type_name());
    }
    return decode_items<T>(*items, kind, decode);
  } catch (const nlohmann::json::exception& error) {
    return util::failure("decoding a " + list_kind + ": " + error.what());
  }
}

template <typename T>
void append(DecodedList<T>&& decoded, std::vector<T>& to, std::size_t& skipped)
{
  if (to.empty()) {
    to = std::move(decoded.items);
  } else {
    to.insert(to.end(), std::make_move_iterator(decoded.items.begin()), std::make_move_iterator(decoded.items.end()));
  }
  skipped += decoded.skipped;
}

// The snapshot's vector for items of type T (the pointer only selects the overload).
std::vector<Pod>& items_of(Snapshot& snapshot, const Pod*) { return snapshot.pods; }
std::vector<PersistentVolumeClaim>& items_of(Snapshot& snapshot, const PersistentVolumeClaim*)
{
  return snapshot.persistent_volume_claims;
}
std::vector<PersistentVolume>& items_of(Snapshot& snapshot, const PersistentVolume*)
{
  return snapshot.persistent_volumes;
}
std::vector<StorageClass>& items_of(Snapshot& snapshot, const StorageClass*) { return snapshot.storage_classes; }
std::vector<Node>& items_of(Snapshot& snapshot, const Node*) { return snapshot.nodes; }
std::vector<Event>& items_of(Snapshot& snapshot, const Event*) { return snapshot.events; }
std::vector<Workload>& items_of(Snapshot& snapshot, const Workload*) { return snapshot.workloads; }

// Calls `with(decode, kind)` with the decoder and list kind of `resource`'s items.
template <typename With>
auto dispatch(Resource resource, With&& with)
{
  const std::string_view kind = info(resource).kind;
  switch (resource) {
  case Resource::pods:
    return with(decode_pod, kind);
  case Resource::persistent_volume_claims:
    return with(decode_persistent_volume_claim, kind);
  case Resource::persistent_volumes:
    return with(decode_persistent_volume, kind);
  case Resource::storage_classes:
    return with(decode_storage_class, kind);
  case Resource::nodes:
    return with(decode_node, kind);
  case Resource::events:
    return with(decode_event, kind);
  case Resource::deployments:
  case Resource::stateful_sets:
  case Resource::daemon_sets:
  case Resource::replica_sets:
  case Resource::jobs:
    break;
  }
  const WorkloadKind workload = *workload_kind(kind);
  return with([workload](Json& item) { return decode_workload(item, workload); }, kind);
}

} // namespace

std::string_view to_string(Resource resource) { return info(resource).plural; }

std::string list_api_path(Resource resource, std::string_view namespace_name)
{
  const ResourceInfo& resource_info = info(resource);
  std::string path(resource_info.api_prefix);
  if (resource_info.namespaced && !namespace_name.empty()) {
    path += "/namespaces/" + util::url_encode(namespace_name);
  }
  path += '/';
  path += resource_info.plural;
  return path;
}

util::Result<DecodedList<Pod>> decode_pod_list(nlohmann::json&& list)
{
  return decode_list<Pod>(list, "Pod", decode_pod);
}

util::Result<DecodedList<PersistentVolumeClaim>> decode_persistent_volume_claim_list(nlohmann::json&& list)
{
  return decode_list<PersistentVolumeClaim>(list, "PersistentVolumeClaim", decode_persistent_volume_claim);
}

util::Result<DecodedList<PersistentVolume>> decode_persistent_volume_list(nlohmann::json&& list)
{
  return decode_list<PersistentVolume>(list, "PersistentVolume", decode_persistent_volume);
}

util::Result<DecodedList<StorageClass>> decode_storage_class_list(nlohmann::json&& list)
{
  return decode_list<StorageClass>(list, "StorageClass", decode_storage_class);
}

util::Result<DecodedList<Node>> decode_node_list(nlohmann::json&& list)
{
  return decode_list<Node>(list, "Node", decode_node);
}

util::Result<DecodedList<Event>> decode_event_list(nlohmann::json&& list)
{
  return decode_list<Event>(list, "Event", decode_event);
}

util::Result<DecodedList<Workload>> decode_workload_list(nlohmann::json&& list, WorkloadKind kind)
{
  return decode_list<Workload>(list, to_string(kind), [kind](Json& item) { return decode_workload(item, kind); });
}

void Snapshot::add_items(Resource resource, std::vector<nlohmann::json>&& items)
{
  reserve(resource, items.size());
  for (auto& item : items) {
    add_item(resource, std::move(item));
  }
}

void Snapshot::add_item(Resource resource, nlohmann::json&& item)
{
  dispatch(resource, [&](auto decode, std::string_view kind) {
    if (belongs(item, kind)) {
      items_of(*this, static_cast<const std::decay_t<decltype(decode(item))>*>(nullptr)).push_back(decode(item));
    } else {
      ++skipped_items;
    }
  });
}

void Snapshot::reserve(Resource resource, std::size_t items)
{
  dispatch(resource, [&](auto decode, std::string_view) {
    using T = std::decay_t<decltype(decode(std::declval<Json&>()))>;
    auto& to = items_of(*this, static_cast<const T*>(nullptr));
    to.reserve(to.size() + items);
  });
}

void Snapshot::absorb(Snapshot&& part)
{
  std::size_t skipped = part.skipped_items;
  append(DecodedList<Pod>{std::move(part.pods), 0}, pods, skipped);
  append(DecodedList<PersistentVolumeClaim>{std::move(part.persistent_volume_claims), 0}, persistent_volume_claims, skipped);
  append(DecodedList<PersistentVolume>{std::move(part.persistent_volumes), 0}, persistent_volumes, skipped);
  append(DecodedList<StorageClass>{std::move(part.storage_classes), 0}, storage_classes, skipped);
  append(DecodedList<Node>{std::move(part.nodes), 0}, nodes, skipped);
  append(DecodedList<Event>{std::move(part.events), 0}, events, skipped);
  append(DecodedList<Workload>{std::move(part.workloads), 0}, workloads, skipped);
  skipped_items += skipped;
  failures.insert(failures.end(), std::make_move_iterator(part.failures.begin()),
                  std::make_move_iterator(part.failures.end()));
}

void Snapshot::add_list(Resource resource, nlohmann::json&& list)
{
  dispatch(resource, [&](auto decode, std::string_view kind) {
    using T = std::decay_t<decltype(decode(list))>;
    auto decoded = decode_list<T>(list, kind, decode);
    if (!decoded) {
      add_failure(resource, decoded.error());
      return;
    }
    append(std::move(*decoded), items_of(*this, static_cast<const T*>(nullptr)), skipped_items);
  });
}

void Snapshot::add_failure(Resource resource, util::Error error) { failures.push_back({resource, std::move(error)}); }

const ListFailure* Snapshot::failure(Resource resource) const
{
  for (const auto& candidate : failures) {
    if (candidate.resource == resource) {
      return &candidate;
    }
  }
  return nullptr;
}

} // namespace devk8s::core::kube::objects
