// Finding: one verdict of a preflight rule (and, later, of a doctor analyzer): what was checked,
// how bad it is, the number it rests on and where that number was read, and what resolves it.
#pragma once

#include <string>
#include <vector>

namespace devk8s::core::preflight {

enum class Severity { ok, warn, fail };
const char* to_string(Severity severity);

struct Evidence {
  std::string value;  ///< "1833 MiB"
  std::string source; ///< "/proc/meminfo MemTotal"
  std::string str() const { return source.empty() ? value : value + " (" + source + ")"; }
};

struct Finding {
  std::string id;      ///< stable, dotted: "memory.minimum"
  Severity severity = Severity::ok;
  std::string subject; ///< what it is about: "memory", "cpu", "docker"
  std::string message;
  Evidence evidence;
  std::string action;  ///< the flag or host change that resolves it; empty for ok
  /// A failure minikube exits on unless --force (its exitIfNotForced): the planned command then
  /// carries --force and names it, and `action` says so. False for what --force does not get past.
  bool forceable = false;
};

/// The worst severity among `findings` (ok for none).
Severity worst(const std::vector<Finding>& findings);

} // namespace devk8s::core::preflight
