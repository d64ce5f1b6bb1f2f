#include "core/kube/objects/event.hpp"

#include "core/kube/objects/json_fields.hpp"

#include <initializer_list>

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<EventType> k_types[] = {{"Normal", EventType::normal}, {"Warning", EventType::warning}};

const std::string& first_set(std::initializer_list<const std::string*> candidates)
{
  for (const std::string* candidate : candidates) {
    if (!candidate->empty()) {
      return *candidate;
    }
  }
  return **(candidates.end() - 1);
}

} // namespace

int Event::occurrences() const
{
  if (series_count.has_value() && *series_count > 0) {
    return *series_count;
  }
  if (count.has_value() && *count > 0) {
    return *count;
  }
  return 1;
}

const std::string& Event::last_seen() const
{
  return first_set({&series_last_observed, &last_timestamp, &event_time, &first_timestamp, &metadata.creation_timestamp});
}

const std::string& Event::first_seen() const
{
  return first_set({&first_timestamp, &event_time, &metadata.creation_timestamp});
}

const std::string& Event::reporter() const { return first_set({&source_component, &reporting_component}); }

Event decode_event(nlohmann::json& object)
{
  Event event;
  event.metadata = decode_object_meta(object);
  if (Json* involved = object_member(object, "involvedObject")) {
    event.involved_object = {take_string(*involved, "kind"), take_string(*involved, "namespace"),
                             take_string(*involved, "name"), take_string(*involved, "uid"),
                             take_string(*involved, "fieldPath")};
  }
  event.reason = take_string(object, "reason");
  event.message = take_string(object, "message");
  event.type = take_enum(object, "type", k_types);
  event.count = read_int32(object, "count");
  event.first_timestamp = take_string(object, "firstTimestamp");
  event.last_timestamp = take_string(object, "lastTimestamp");
  event.event_time = take_string(object, "eventTime");
  if (Json* series = object_member(object, "series")) {
    event.series_count = read_int32(*series, "count");
    event.series_last_observed = take_string(*series, "lastObservedTime");
  }
  if (Json* source = object_member(object, "source")) {
    event.source_component = take_string(*source, "component");
    event.source_host = take_string(*source, "host");
  }
  event.reporting_component = take_string(object, "reportingComponent");
  return event;
}

} // namespace devk8s::core::kube::objects
