// `devk8s smoke`: proves a cluster runs real workloads. smoke's manifests (manifests/smoke/, their
// images read through the mirror map like any user manifest) are created in a namespace of their
// own by the executor; then every check is polled at once until each passed or failed or the
// deadline came: a claim Bound and a pod that wrote and read it back, a Deployment behind a
// Service reached by a Job through its DNS name, a Job run to completion, each proven by its
// pod's log where the manifest names the line. A failed check brings the doctor's chains, the
// objects' state and events, and (for a report) minikube's logs. The namespace is then deleted
// and waited gone, unless --keep.
#pragma once

#include "app/cluster_access.hpp"
#include "app/doctor.hpp"
#include "app/executor_choice.hpp"
#include "app/mirror_maps.hpp"
#include "app/ports.hpp"
#include "core/smoke/evaluate.hpp"
#include "core/smoke/suite.hpp"
#include "ports/minikube.hpp"
#include "util/cancel.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct SmokeOptions {
  std::string profile = "minikube"; ///< -p: whose logs a report collects
  MirrorOptions mirror;             ///< none requested: the images as the manifests write them
  std::string namespace_name = "devk8s-smoke";
  std::chrono::milliseconds timeout{300000}; ///< for all the checks together
  std::chrono::milliseconds interval{1000};  ///< between polls
  std::chrono::milliseconds cleanup_timeout{120000};
  bool keep = false;              ///< leave the namespace and its objects
  bool collect_minikube_logs = false; ///< on failure (--report-dir)
  int minikube_log_lines = 200;
  DoctorOptions doctor;
  const util::CancelToken* cancel = nullptr; ///< nullptr: the process's (Ctrl-C)
};

/// An image of the manifests and what the mirror map made of it.
struct SmokeImage {
  std::string origin; ///< "manifests/smoke/3-job.yaml"
  std::string object; ///< "Job/smoke-job"
  std::string written;
  std::string used;
  std::string rule;   ///< the map rule that chose it, "" when left alone
};

struct SmokeCheckResult {
  std::string name;
  core::smoke::CheckState state = core::smoke::CheckState::pending;
  std::string message;                     ///< why it failed
  std::chrono::milliseconds elapsed{0};    ///< from the objects' creation to the verdict
  std::vector<std::string> objects;
  std::map<std::string, std::string> logs; ///< pod → the log that proved (or failed) it
};

struct SmokeOutcome {
  std::string namespace_name;
  std::string server;
  std::string map; ///< the mirror map's name, "" for none
  std::vector<SmokeImage> images;
  std::vector<SmokeCheckResult> checks;
  std::optional<util::Error> setup_error;   ///< the objects could not be created: every check failed
  std::optional<DoctorReport> doctor;       ///< when a check failed
  std::optional<util::Error> doctor_error;
  std::string objects_described;            ///< when a check failed: core::smoke::describe_objects
  std::optional<std::string> minikube_logs; ///< when a check failed and collect_minikube_logs
  std::optional<util::Error> minikube_logs_error;
  bool cleaned = false;                     ///< the namespace is gone
  std::optional<util::Error> cleanup_error;
  std::chrono::milliseconds elapsed{0};

  bool passed() const;
};

/// The suite smoke would apply: the manifests read through the chosen map (none requested: as written).
struct SmokeSuitePlan {
  core::smoke::Suite suite;
  std::string map;
  std::vector<SmokeImage> images;
};

util::Result<SmokeSuitePlan> plan_smoke(const Ports& ports, const SmokeOptions& options);

/// The setup and cleanup plans as one, for --dry-run.
core::plan::Plan smoke_dry_run_plan(const SmokeSuitePlan& plan, const SmokeOptions& options);

/// Runs the suite on `kube`. Fails only when interrupted; every other failure is in the outcome.
/// `minikube` may be nullptr (not installed, or a cluster minikube did not start).
util::Result<SmokeOutcome> run_smoke(const Ports& ports, ports::Minikube* minikube, ports::KubeApi& kube,
                                     const SmokeOptions& options, const SmokeSuitePlan& plan,
                                     const ExecutorStreams& streams);

} // namespace devk8s::app
