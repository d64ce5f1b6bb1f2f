// smoke's report as text, JSON and JUnit (one <testcase> per check; a failed one carries its
// message, the objects it waited for and the doctor's chains).
#pragma once

#include "app/smoke.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace devk8s::cli {

void render_smoke_text(std::ostream& out, const app::SmokeOutcome& outcome, bool color);
nlohmann::ordered_json render_smoke_json(const app::SmokeOutcome& outcome);
std::string render_smoke_junit(const app::SmokeOutcome& outcome);

} // namespace devk8s::cli
