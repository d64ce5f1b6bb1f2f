// An Event (Event v1 core) as the API serves it under /api/v1, in both of its shapes: the
// classic one that kubelet, scheduler and controllers of the core/v1 recorder write (source,
// count, first/lastTimestamp) and the events.k8s.io one seen through core/v1 (eventTime,
// series.count, reportingComponent, count often 0). The accessors give one answer for both.
#pragma once

#include "core/kube/objects/api_enum.hpp"
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace devk8s::core::kube::objects {

/// type: "Normal", "Warning".
enum class EventType { normal, warning, unrecognized };

/// involvedObject (ObjectReference v1 core): what the event is about.
struct InvolvedObject {
  std::string kind;           ///< kind: "Pod", "PersistentVolumeClaim"
  std::string namespace_name; ///< namespace
  std::string name;           ///< name
  std::string uid;            ///< uid
  std::string field_path;     ///< fieldPath: "spec.containers{storage-provisioner}"
};

struct Event {
  ObjectMeta metadata;
  InvolvedObject involved_object; ///< involvedObject
  std::string reason;             ///< reason: "FailedScheduling", "ExternalProvisioning", "Failed"
  std::string message;            ///< message, verbatim: the evidence a finding quotes
  ApiEnum<EventType> type;        ///< type
  std::optional<int> count;       ///< count (deprecatedCount of events.k8s.io)
  std::string first_timestamp;    ///< firstTimestamp (RFC 3339 text)
  std::string last_timestamp;     ///< lastTimestamp
  std::string event_time;         ///< eventTime (MicroTime, RFC 3339 with microseconds)
  std::optional<int> series_count;     ///< series.count
  std::string series_last_observed;    ///< series.lastObservedTime
  std::string source_component;        ///< source.component: "kubelet", "default-scheduler"
  std::string source_host;             ///< source.host
  std::string reporting_component;     ///< reportingComponent (events.k8s.io's reportingController)

  /// How many times it happened: series.count when there is a series, else count, else 1 (a
  /// new-style event seen once has count 0 or none).
  int occurrences() const;
  /// When it was last seen: series.lastObservedTime, lastTimestamp, eventTime, firstTimestamp,
  /// creationTimestamp: the first that is set.
  const std::string& last_seen() const;
  /// When it was first seen: firstTimestamp, eventTime, creationTimestamp.
  const std::string& first_seen() const;
  /// Who reported it, as kubectl describe's "From": source.component, else reportingComponent.
  const std::string& reporter() const;
};

/// Decodes one core/v1 event, moving strings out of `object`. Missing or mistyped fields stay
/// empty; never throws.
Event decode_event(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
