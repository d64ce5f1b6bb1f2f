// Why `minikube start` failed, from its exit code and its last lines, so `devk8s start` can say
// what to do. minikube ends a fatal error with "X Exiting due to <ID>: <message>" (exit.Message,
// pkg/minikube/exit/exit.go), often followed by "* Suggestion: …" and "* Documentation: …"
// (not on a terminal: "X"/"*" in place of emoji), and exits with the Kind's code
// (pkg/minikube/reason/exitcodes.go: 2x resources, 3x host, 4x internet, 5x driver, 6x
// provider, 7x local network, 8x guest, 9x container runtime, 10x control plane). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

struct StartFailure {
  std::string reason;     ///< "RSRC_INSUFFICIENT_CORES"; "" when minikube printed none
  std::string message;    ///< what follows "Exiting due to <ID>: ", its first line
  std::string suggestion; ///< minikube's own "Suggestion:", when it gave one
  std::string area;       ///< "resources", "driver", … from the exit code; "" when it is not one of minikube's
  std::string hint;       ///< what devk8s advises (may be "")
  /// minikube kept an existing profile's setting ("You cannot change the CPUs for an existing
  /// minikube cluster"): the start ran with the profile's old value, not the one asked for.
  std::vector<std::string> kept_settings;
};

/// `lines` are minikube's output lines (stdout and stderr interleaved, in order); `profile` is
/// named in hints ("minikube delete -p NAME").
StartFailure classify_start_failure(int exit_code, const std::vector<std::string>& lines, const std::string& profile);

/// Only the "You cannot change …" warnings: a start that succeeded with old settings.
std::vector<std::string> kept_settings(const std::vector<std::string>& lines);

} // namespace devk8s::core::minikube
