// How `devk8s start` shows itself: the plan (preflight, the minikube command, the image table,
// the repairs and the checks: all of --dry-run), and the summary of a run (what started, what was
// repaired and why, each phase's time, the doctor's verdict, what to run next); text or JSON.
#pragma once

#include "app/start.hpp"
#include "cli/render_preflight.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace devk8s::cli {

/// The image table alone: IMAGE (as minikube will request it), the registry's answer, the repair.
void render_start_images_text(std::ostream& out, const app::StartPlan& plan, std::size_t width);

/// Everything --dry-run prints, and what a real run prints before minikube starts: the host's
/// table and the minikube command with each flag's reason, the image table, the plan.
void render_start_plan_text(std::ostream& out, const app::StartPlan& plan, const TextOptions& options);

nlohmann::ordered_json start_plan_json(const app::StartPlan& plan);

void render_start_outcome_text(std::ostream& out, const app::StartPlan& plan, const app::StartOutcome& outcome,
                               bool color);

/// The plan's document with what the run did added: started, failure, repairs, verify, doctor, phases.
nlohmann::ordered_json start_outcome_json(const app::StartPlan& plan, const app::StartOutcome& outcome);

/// "1m2s", "4.1s", "350ms": core::net::format_duration of the time rounded to what a reader needs.
std::string short_duration(std::chrono::milliseconds took);

} // namespace devk8s::cli
