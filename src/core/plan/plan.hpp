// Plans: what a mutating command will do, as data. A command builds a Plan; --dry-run hands it
// to a DryRunExecutor, a real run to a RealExecutor (exec/executor.hpp). Nothing here runs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace devk8s::core::plan {

/// Replace a file's content atomically, keeping the old content at `backup` if set.
struct WriteFile {
  std::string path;
  std::string content;
  std::optional<std::string> backup;
};

/// Run a program (argv, never a shell string); a non-zero exit fails the step.
struct RunCommand {
  std::vector<std::string> argv;
  std::optional<std::chrono::milliseconds> timeout;
};

using Action = std::variant<WriteFile, RunCommand>;

struct Step {
  std::string description; ///< one line, imperative: "rewrite k8s/a.yaml: 3 of 3 images"
  Action action;
  std::string preview;     ///< what it changes, for a dry run (a diff); may be empty
};

struct Plan {
  std::string title;
  std::vector<Step> steps;
};

/// Deterministic text: the title, then numbered steps with the command or file each touches,
/// then each step's preview. Golden-testable.
std::string render_text(const Plan& plan, bool with_previews = true);
nlohmann::json to_json(const Plan& plan);

} // namespace devk8s::core::plan
