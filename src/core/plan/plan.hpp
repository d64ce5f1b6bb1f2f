// Plans: what a mutating command will do, as data. A command builds a Plan; --dry-run hands it
// to a DryRunExecutor, a real run to a RealExecutor (exec/executor.hpp). Nothing here runs.
// Step kinds: write a file, run a command, install a binary, change a Kubernetes object, wait
// for the cluster.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/plan/wait_condition.hpp"

#include <nlohmann/json_fwd.hpp>

namespace devk8s::core::plan {

/// Replace a file's content atomically, keeping the old content at `backup` if set.
struct WriteFile {
  std::string path;
  std::string content;
  std::optional<std::string> backup;
};

/// Run a program (argv, never a shell string); an exit code not in `accepted_exit_codes` fails
/// the step. With `stream_as` set, each line it prints is shown as it comes, under that name.
struct RunCommand {
  std::vector<std::string> argv;
  std::optional<std::chrono::milliseconds> timeout;
  std::map<std::string, std::string> env{}; ///< added to (or replacing in) the inherited environment
  std::string stdin_data{};               ///< written to its stdin; never rendered (may be a secret)
  std::vector<int> accepted_exit_codes{0};
  std::string stream_as{}; ///< the name its lines are shown under ("minikube"); empty: captured only
};

/// One request that changes an object through the Kubernetes API. `path` is the collection for a
/// create ("/api/v1/namespaces/default/configmaps") and the object for a patch or delete
/// (".../configmaps/x"). A patch is a JSON merge patch (RFC 7386, application/merge-patch+json):
/// lists in it replace the object's lists whole, as they do for custom resources, which have no
/// strategic merge.
struct KubeRequest {
  enum class Verb { create, patch, remove };
  Verb verb = Verb::create;
  std::string path;
  std::string body;               ///< JSON text: the object (create) or the patch; empty for a delete
  bool exists_ok = false;         ///< create: 409 AlreadyExists counts as done
  /// A delete of an object that is not there (404) always counts as done: deleting is idempotent.
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

/// Poll the Kubernetes API until `condition` holds (core/plan/wait_condition.hpp), checking every
/// `interval`; after `timeout` the step fails naming each object still pending and its state.
struct Wait {
  WaitCondition condition;
  std::chrono::milliseconds interval{2000};
  std::chrono::milliseconds timeout{300000};
};

using Action = std::variant<WriteFile, RunCommand, InstallBinary, KubeRequest, Wait>;

struct Step {
  std::string description; ///< one line, imperative: "rewrite k8s/a.yaml: 3 of 3 images"
  Action action;
  std::string preview;     ///< what it changes, for a dry run (a diff); may be empty
};

struct Plan {
  std::string title;
  std::vector<Step> steps;
};

/// Deterministic text: the title, then numbered steps with the command, file or object each
/// touches, then each step's preview. Golden-testable. Command input and environment values
/// that may be secrets are not shown.
std::string render_text(const Plan& plan, bool with_previews = true);
nlohmann::json to_json(const Plan& plan);

} // namespace devk8s::core::plan
