#include "core/kube/objects/object_meta.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

const std::string k_empty;

const std::string& lookup(const std::map<std::string, std::string>& map, const std::string& key)
{
  const auto found = map.find(key);
  return found == map.end() ? k_empty : found->second;
}

} // namespace

const OwnerReference* ObjectMeta::controller() const
{
  for (const auto& owner : owner_references) {
    if (owner.controller) {
      return &owner;
    }
  }
  return nullptr;
}

const std::string& ObjectMeta::annotation(const std::string& key) const { return lookup(annotations, key); }

const std::string& ObjectMeta::label(const std::string& key) const { return lookup(labels, key); }

ObjectMeta decode_object_meta(nlohmann::json& object)
{
  using namespace fields;
  ObjectMeta meta;
  Json* metadata = object_member(object, "metadata");
  if (metadata == nullptr) {
    return meta;
  }
  meta.name = take_string(*metadata, "name");
  meta.namespace_name = take_string(*metadata, "namespace");
  meta.uid = take_string(*metadata, "uid");
  meta.labels = take_string_map(*metadata, "labels");
  meta.annotations = take_string_map(*metadata, "annotations");
  meta.creation_timestamp = take_string(*metadata, "creationTimestamp");
  for_each_object(*metadata, "ownerReferences", [&](Json& owner) {
    meta.owner_references.push_back({take_string(owner, "kind"), take_string(owner, "name"), take_string(owner, "uid"),
                                     read_bool(owner, "controller").value_or(false)});
  });
  return meta;
}

} // namespace devk8s::core::kube::objects
