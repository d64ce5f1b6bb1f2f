// Rendering a preflight report: a text table plus the minikube command and why each flag is
// there; JSON for scripts; JUnit XML for CI dashboards (a warning is a passing test with output).
#pragma once

#include "core/preflight/engine.hpp"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <string>

namespace devk8s::cli {

void render_preflight_text(std::ostream& out, const core::preflight::PreflightReport& report);
/// `facts`, when given, adds a "host" object: the measured values behind the findings.
nlohmann::ordered_json preflight_to_json(const core::preflight::PreflightReport& report,
                                         const core::preflight::HostFacts* facts = nullptr);
std::string preflight_to_junit(const core::preflight::PreflightReport& report);

} // namespace devk8s::cli
