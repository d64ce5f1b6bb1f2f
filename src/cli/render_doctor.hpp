// The doctor's report in each output: text (one block per root cause, its symptoms' chains,
// evidence verbatim, the fix), JSON (devk8s.io/doctor/v1alpha1, docs/doctor.md) and JUnit (one
// test case per check).
#pragma once

#include "app/doctor.hpp"
#include "core/doctor/fixes.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace devk8s::cli {

/// Whether the report holds a failure (warnings alone leave a cluster healthy).
bool has_failures(const app::DoctorReport& report);
/// No failure, and every list was read: a cluster the doctor could not see whole is not called healthy.
bool is_healthy(const app::DoctorReport& report);

void render_doctor_text(std::ostream& out, const app::DoctorReport& report, bool color);
nlohmann::ordered_json render_doctor_json(const app::DoctorReport& report);
std::string render_doctor_junit(const app::DoctorReport& report);

/// After `--fix`: which failing findings cleared, which remain, which appeared.
void render_fix_outcome_text(std::ostream& out, const app::DoctorReport& before, const app::DoctorReport& after,
                             const core::doctor::FixComparison& comparison);
nlohmann::ordered_json render_fix_outcome_json(const app::DoctorReport& before, const app::DoctorReport& after,
                                               const core::doctor::FixComparison& comparison);

} // namespace devk8s::cli
