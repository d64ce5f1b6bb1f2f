#include "core/kube/objects/container.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<PullPolicy> k_pull_policies[] = {
    {"Always", PullPolicy::always}, {"IfNotPresent", PullPolicy::if_not_present}, {"Never", PullPolicy::never}};

// One of env[].valueFrom's or envFrom[]'s references, when `parent` has the member `key`.
void add_reference(std::vector<EnvReference>& out, Json& parent, std::string_view key, EnvReference::Kind kind,
                   std::string variable)
{
  Json* ref = object_member(parent, key);
  if (ref == nullptr) {
    return;
  }
  out.push_back({kind, take_string(*ref, "name"), take_string(*ref, "key"), std::move(variable),
                 read_bool(*ref, "optional").value_or(false)});
}

ContainerState decode_state(Json* state)
{
  ContainerState result;
  if (state == nullptr) {
    return result;
  }
  if (Json* waiting = object_member(*state, "waiting")) {
    result.kind = ContainerState::Kind::waiting;
    result.reason = take_string(*waiting, "reason");
    result.message = take_string(*waiting, "message");
  } else if (Json* running = object_member(*state, "running")) {
    result.kind = ContainerState::Kind::running;
    result.started_at = take_string(*running, "startedAt");
  } else if (Json* terminated = object_member(*state, "terminated")) {
    result.kind = ContainerState::Kind::terminated;
    result.reason = take_string(*terminated, "reason");
    result.message = take_string(*terminated, "message");
    result.exit_code = read_int32(*terminated, "exitCode");
    result.signal = read_int32(*terminated, "signal");
    result.started_at = take_string(*terminated, "startedAt");
    result.finished_at = take_string(*terminated, "finishedAt");
  }
  return result;
}

} // namespace

Container decode_container(nlohmann::json& object)
{
  Container container;
  container.name = take_string(object, "name");
  container.image = take_string(object, "image");
  container.image_pull_policy = take_enum(object, "imagePullPolicy", k_pull_policies);
  if (Json* resources = object_member(object, "resources")) {
    container.requests = decode_resource_list(*resources, "requests");
    container.limits = decode_resource_list(*resources, "limits");
  }
  for_each_object(object, "env", [&](Json& variable) {
    if (Json* value_from = object_member(variable, "valueFrom")) {
      std::string name = take_string(variable, "name");
      add_reference(container.env_references, *value_from, "secretKeyRef", EnvReference::Kind::secret, name);
      add_reference(container.env_references, *value_from, "configMapKeyRef", EnvReference::Kind::config_map,
                    std::move(name));
    }
  });
  for_each_object(object, "envFrom", [&](Json& source) {
    add_reference(container.env_references, source, "secretRef", EnvReference::Kind::secret, {});
    add_reference(container.env_references, source, "configMapRef", EnvReference::Kind::config_map, {});
  });
  return container;
}

ContainerStatus decode_container_status(nlohmann::json& object)
{
  ContainerStatus status;
  status.name = take_string(object, "name");
  status.image = take_string(object, "image");
  status.image_id = take_string(object, "imageID");
  status.ready = read_bool(object, "ready").value_or(false);
  status.restart_count = read_int32(object, "restartCount").value_or(0);
  status.state = decode_state(object_member(object, "state"));
  status.last_state = decode_state(object_member(object, "lastState"));
  return status;
}

} // namespace devk8s::core::kube::objects
