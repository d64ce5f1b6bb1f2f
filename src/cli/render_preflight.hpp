// Rendering a preflight report: a text table plus the minikube command and why each flag is
// there; JSON for scripts; JUnit XML for CI dashboards (a warning is a passing test with output).
// The table is STATUS, CHECK, FINDING, ACTION; `wide` adds EVIDENCE (the number and where it was
// read), which every other format always carries.
#pragma once

#include "core/preflight/engine.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <ostream>
#include <string>

namespace devk8s::cli {

struct TextOptions {
  bool wide = false;
  std::size_t width = 0; ///< terminal columns to fit the table in (FINDING, EVIDENCE and ACTION wrap); 0: no limit
};

void render_preflight_text(std::ostream& out, const core::preflight::PreflightReport& report,
                           const TextOptions& options = {});
/// `facts`, when given, adds a "host" object: the measured values behind the findings.
nlohmann::ordered_json preflight_to_json(const core::preflight::PreflightReport& report,
                                         const core::preflight::HostFacts* facts = nullptr);
std::string preflight_to_junit(const core::preflight::PreflightReport& report);

} // namespace devk8s::cli
