// What `devk8s smoke` applies and checks, read from its manifests (manifests/smoke/): each object
// names its check in the annotation devk8s.io/smoke-check, and a pod or Job whose output proves
// the check names the line it must print in devk8s.io/smoke-log. The waits follow from the kinds:
// a claim Bound, a pod that runs to completion Complete (else Ready), a Deployment Ready, a Job
// Complete, a Service with a ready endpoint. So a check is added by adding a manifest, not code.
#pragma once

#include "core/plan/plan.hpp"
#include "core/plan/wait_condition.hpp"
#include "util/result.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::smoke {

inline constexpr const char* k_check_annotation = "devk8s.io/smoke-check";
inline constexpr const char* k_log_annotation = "devk8s.io/smoke-log";
/// On the namespace smoke creates: what it may delete. A namespace of the same name without it is
/// someone else's.
inline constexpr const char* k_namespace_label = "devk8s.io/smoke";

/// A manifest's text (after the mirror map rewrote its images) and where it came from.
struct ManifestText {
  std::string origin;
  std::string text;
};

struct SmokeObject {
  std::string kind;       ///< "PersistentVolumeClaim"
  std::string name;
  std::string check;      ///< "storage"
  std::string collection; ///< where it is created: "/api/v1/namespaces/NS/persistentvolumeclaims"
  nlohmann::json body;    ///< the object, in the smoke namespace
  std::vector<std::string> images; ///< its containers' images, as they will be pulled
};

/// A line the log of a pod (or of a Job's succeeded pod) must hold once it completed.
struct LogCheck {
  std::string kind; ///< "Pod" or "Job"
  std::string name;
  std::string expect;
};

struct Check {
  std::string name;                       ///< "storage"
  std::vector<std::string> objects;       ///< "PersistentVolumeClaim/smoke-data", in manifest order
  std::vector<plan::WaitCondition> waits; ///< one per object
  std::vector<LogCheck> logs;
};

struct Suite {
  std::string namespace_name;
  std::vector<SmokeObject> objects; ///< in manifest order
  std::vector<Check> checks;        ///< in the order their first object appears
};

/// The objects and checks of `manifests`, placed in `namespace_name`. Fails on YAML that does not
/// parse, an object without kind, name or check, or a kind smoke cannot wait for.
util::Result<Suite> build_suite(const std::vector<ManifestText>& manifests, const std::string& namespace_name);

/// The namespace (labelled as devk8s's), then every object, in order.
plan::Plan setup_plan(const Suite& suite);

/// The namespace deleted (its objects go with it) and waited gone.
plan::Plan cleanup_plan(const Suite& suite, std::chrono::milliseconds timeout);

/// Every list the checks read (each wait's, and the namespace's pods), once each.
std::vector<std::string> list_paths(const Suite& suite);

/// The namespace's pods: whose logs prove the checks, what a failed check's report describes.
std::string pods_path(const std::string& namespace_name);

/// Whether a Namespace object (the API's JSON) carries smoke's label.
bool is_smoke_namespace(const nlohmann::json& object);

/// Why `name` cannot be a namespace (an RFC 1123 label: at most 63 of a-z, 0-9 and '-', starting
/// and ending alphanumeric, as the API server checks it), or nullopt.
std::optional<std::string> invalid_namespace_name(const std::string& name);

/// A string at a path of JSON objects; "" when any step is missing or of another type (the API's
/// JSON is not trusted).
std::string text_at(const nlohmann::json& object, std::initializer_list<const char*> path);

} // namespace devk8s::core::smoke
