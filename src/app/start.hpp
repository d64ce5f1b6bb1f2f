// `devk8s start`: from the flags to a cluster proven healthy, or to an exact account of why not.
// plan_start gathers (the host and its tools through preflight, the profile through minikube,
// every image the cluster will pull through the registries) and decides, without changing
// anything: it is the whole of --dry-run. run_start applies: minikube start (streamed), the
// repairs the image table planned (devk8s retag's analysis on the started cluster), the checks
// that kube-system runs and storage binds, then the doctor.
#pragma once

#include "app/doctor.hpp"
#include "app/executor_choice.hpp"
#include "app/preflight.hpp"
#include "app/retag.hpp"
#include "app/start_images.hpp"
#include "core/minikube/start_failure.hpp"
#include "core/start/start_plan.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::app {

struct StartOptions {
  PreflightOptions preflight;      ///< --cpus, --memory, --driver, --kubernetes-version, -p, the mirror, the probe
  std::vector<std::string> addons; ///< --addons, beyond minikube's defaults
  std::vector<std::string> extra;  ///< minikube flags after `--`, passed through last
  KubeOptions kube;
  ports::RegistryCheckOptions registry;
  RetagOptions retag; ///< how repairs run (PATH, TMPDIR, --skip-upstream); addons and profile are start's
  DoctorOptions doctor;
  std::chrono::milliseconds start_timeout{std::chrono::minutes(30)}; ///< minikube start itself (--start-timeout)
  core::start::VerifyOptions verify; ///< --timeout is each wait's
};

/// The exit code of a start that stopped before minikube ran (tools, preflight, images): nothing changed.
inline constexpr util::ExitCode k_start_stopped = static_cast<util::ExitCode>(5);

enum class ProfileState { absent, stopped, running };
std::string_view to_string(ProfileState state);

/// Everything start knows before it changes anything: what --dry-run prints.
struct StartPlan {
  PreflightResult preflight;
  std::vector<core::finding::Finding> blockers; ///< preflight failures no flag gets past
  std::vector<std::string> missing_tools;        ///< "minikube", "kubectl": not on PATH (start may install them)
  std::vector<std::string> unusable_tools;       ///< on PATH but not answering, with what went wrong
  std::string profile;                           ///< as minikube names it
  ProfileState profile_state = ProfileState::absent;
  std::optional<core::Version> minikube;         ///< the release that will run
  std::vector<std::string> argv;                 ///< minikube start …; empty when the profile runs
  std::optional<StartImages> images;             ///< absent when not checked (images_skipped says why)
  std::string images_skipped;
  std::vector<std::string> repair_addons;        ///< retagged (or re-enabled with --images) after start
  core::plan::Plan start;                        ///< minikube start; no steps when the profile runs
  core::plan::Plan verify;

  /// Why minikube must not run, one line each: tools, preflight, images. Empty: it may.
  std::vector<std::string> stops() const;
};

/// Errors: bad flags (usage), a mirror map that cannot be read, an image plan minikube would
/// refuse (a Kubernetes version outside its range, an unknown addon).
util::Result<StartPlan> plan_start(const Ports& ports, ports::Minikube& minikube, const StartOptions& options,
                                   ports::Reporter& reporter);

struct PhaseTime {
  std::string phase; ///< "minikube start", "repair", "verify", "doctor"
  std::chrono::milliseconds took{0};
};

struct StartOutcome {
  bool started = false; ///< minikube start ran (and exited 0)
  /// minikube start failed: its exit code's reading, and the error with the output's tail.
  std::optional<core::minikube::StartFailure> failure;
  std::optional<util::Error> failure_error;
  std::vector<std::string> kept_settings; ///< "You cannot change the CPUs for an existing minikube cluster"
  std::optional<RetagAnalysis> repair;    ///< the repairs' analysis, when there were any to make
  std::optional<util::Error> repair_error;
  std::optional<util::Error> verify_error;
  std::optional<DoctorReport> doctor;
  std::optional<util::Error> doctor_error;
  std::vector<PhaseTime> phases;

  bool healthy() const;
};

/// Applies `plan` (which must have no stops()). The executors are made here, real ones writing
/// to `streams`. An interruption (Ctrl-C) is the Error, with ExitCode::interrupted; every other
/// failure is in the outcome, phase by phase.
util::Result<StartOutcome> run_start(const Ports& ports, ports::Minikube& minikube, const StartOptions& options,
                                     const StartPlan& plan, const ExecutorStreams& streams);

} // namespace devk8s::app
