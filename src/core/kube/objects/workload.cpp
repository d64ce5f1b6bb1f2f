#include "core/kube/objects/workload.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<WorkloadKind> k_kinds[] = {{"Deployment", WorkloadKind::deployment},
                                              {"StatefulSet", WorkloadKind::stateful_set},
                                              {"DaemonSet", WorkloadKind::daemon_set},
                                              {"ReplicaSet", WorkloadKind::replica_set},
                                              {"Job", WorkloadKind::job}};

void decode_selector(Json& spec, Workload& workload)
{
  Json* selector = object_member(spec, "selector");
  if (selector == nullptr) {
    return;
  }
  workload.match_labels = take_string_map(*selector, "matchLabels");
  const Json* expressions = member(*selector, "matchExpressions");
  workload.has_match_expressions = expressions != nullptr && expressions->is_array() && !expressions->empty();
}

void decode_status(Json& status, Workload& workload)
{
  const auto count = [&](std::string_view key) { return read_int32(status, key).value_or(0); };
  switch (workload.kind) {
  case WorkloadKind::daemon_set:
    workload.desired = read_int32(status, "desiredNumberScheduled");
    workload.replicas = count("currentNumberScheduled");
    workload.ready = count("numberReady");
    workload.available = count("numberAvailable");
    workload.updated = count("updatedNumberScheduled");
    break;
  case WorkloadKind::job:
    workload.active = count("active");
    workload.succeeded = count("succeeded");
    workload.failed = count("failed");
    break;
  case WorkloadKind::deployment:
  case WorkloadKind::stateful_set:
  case WorkloadKind::replica_set:
    workload.replicas = count("replicas");
    workload.ready = count("readyReplicas");
    workload.available = count("availableReplicas");
    workload.updated = count("updatedReplicas");
    break;
  }
  workload.conditions = decode_conditions(status);
}

} // namespace

const char* to_string(WorkloadKind kind)
{
  for (const auto& [name, value] : k_kinds) {
    if (value == kind) {
      return name.data();
    }
  }
  return "Workload";
}

std::optional<WorkloadKind> workload_kind(std::string_view api_kind)
{
  for (const auto& [name, value] : k_kinds) {
    if (name == api_kind) {
      return value;
    }
  }
  return std::nullopt;
}

Workload decode_workload(nlohmann::json& object, WorkloadKind kind)
{
  Workload workload;
  const Json* own_kind = member(object, "kind");
  const auto named = own_kind != nullptr && own_kind->is_string()
                         ? workload_kind(own_kind->get_ref<const std::string&>())
                         : std::nullopt;
  workload.kind = named.value_or(kind);
  workload.metadata = decode_object_meta(object);
  if (Json* spec = object_member(object, "spec")) {
    decode_selector(*spec, workload);
    if (workload.kind == WorkloadKind::job) {
      workload.desired = read_int32(*spec, "completions");
      workload.backoff_limit = read_int32(*spec, "backoffLimit");
    } else if (workload.kind != WorkloadKind::daemon_set) {
      workload.desired = read_int32(*spec, "replicas");
    }
  }
  if (Json* status = object_member(object, "status")) {
    decode_status(*status, workload);
  }
  return workload;
}

} // namespace devk8s::core::kube::objects
