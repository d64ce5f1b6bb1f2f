// Plans: what a mutating command will do, as data. A command builds a Plan; --dry-run hands it
// to a DryRunExecutor, a real run to a RealExecutor (exec/executor.hpp). Nothing here runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
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

/// One place a binary may be downloaded from, and the checksum files that vouch for it.
struct DownloadCandidate {
  std::string source; ///< the download source's name
  std::string url;
  std::vector<std::string> checksum_urls;
};

/// Download a release binary from the first candidate that works, verify its SHA-256 against
/// the published checksum, check it runs and reports `version`, then rename it into `path`
/// (mode 0755, creating its directory), keeping a previous file at `backup` if set. Nothing is
/// left behind on failure.
struct InstallBinary {
  std::string tool;    ///< "minikube" or "kubectl": how to read its version output
  std::string version; ///< "v1.20.0"
  std::vector<DownloadCandidate> candidates;
  std::string path;
  std::optional<std::string> backup;
  std::vector<std::string> version_args; ///< run on the new binary: {"version", "-o", "json"}
  std::map<std::string, std::string> version_env; ///< and its environment (core::install::version_command)
  int attempts = 3;                      ///< per candidate; later attempts resume with Range
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds stall_timeout{30000};
  std::uint64_t max_bytes = std::uint64_t{1} << 30; ///< minikube and kubectl are 40-100 MB
};

using Action = std::variant<WriteFile, RunCommand, InstallBinary>;

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
