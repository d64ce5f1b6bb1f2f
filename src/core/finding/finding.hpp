// Finding: one verdict of a preflight rule, a doctor analyzer or start's checks. What it is about
// (a cluster object or a host fact), how bad it is, the facts it rests on, which other findings
// explain it, and what resolves it: a hint in words and, where devk8s can apply it, plan steps.
// Plain values; rendering is the CLI's, ordering into chains is chains.hpp's.
#pragma once

#include "core/plan/plan.hpp"

#include <string>
#include <utility>
#include <vector>

namespace devk8s::core::finding {

enum class Severity { ok, warn, fail };
const char* to_string(Severity severity);

/// What a finding is about: a cluster object (kind, namespace, name) or a host fact (name only).
/// Not an aggregate, so a bare string cannot silently fill its first field in a Finding{...}.
struct Subject {
  Subject() = default;
  Subject(std::string kind_, std::string ns_, std::string name_)
    : kind(std::move(kind_)), ns(std::move(ns_)), name(std::move(name_))
  {
  }

  std::string kind;      ///< "Pod", "PersistentVolumeClaim", "Node"; "" for a host fact
  std::string ns;        ///< the object's namespace; "" when cluster-scoped or a host fact
  std::string name;      ///< the object's name, or the host fact: "memory", "cpu", "docker"

  static Subject host(std::string fact);
  static Subject object(std::string kind, std::string ns, std::string name);
  bool is_host() const { return kind.empty(); }
  /// "memory"; "Pod kube-system/storage-provisioner"; "Node minikube".
  std::string str() const;
  friend bool operator==(const Subject&, const Subject&) = default;
};

/// One observed fact and where it was read.
struct Evidence {
  std::string value;  ///< "1833 MiB"
  std::string source; ///< "/proc/meminfo MemTotal"
  std::string str() const { return source.empty() ? value : value + " (" + source + ")"; }
};

/// Names a finding: its id and subject together, since one check may find the same thing about
/// several objects (every Pod that cannot pull its image).
struct FindingRef {
  std::string id;
  Subject subject;
  friend bool operator==(const FindingRef&, const FindingRef&) = default;
};

struct Finding {
  /// Stable across releases, for scripts and JUnit: dotted kebab-case words, "memory.minimum",
  /// "mirror.minikube", "pod.image-pull-backoff".
  std::string id;
  Severity severity = Severity::ok;
  Subject subject;
  std::string message;            ///< one line: what was found
  std::vector<Evidence> evidence; ///< the facts it rests on, the main one first
  std::string hint;               ///< the flag, command or change that resolves it; empty for ok
  /// A failure minikube exits on unless --force (its exitIfNotForced): the planned command then
  /// carries --force and names it, and `hint` says so. False for what --force does not get past.
  bool forceable = false;
  std::vector<FindingRef> causes; ///< the findings that explain this one (the doctor's chain)
  std::vector<plan::Step> fixes;  ///< what a fix plan runs for it, in order; empty when nothing can
  /// The devk8s command that resolves it, as argv after "devk8s" ({"retag", "storage-provisioner"}):
  /// what `doctor --fix` runs, and what `hint` shows. Empty when devk8s has none.
  std::vector<std::string> command;

  FindingRef ref() const { return {id, subject}; }
  /// Every piece of evidence, "; "-separated.
  std::string evidence_text() const;
};

/// A finding about a host fact that rests on one piece of evidence: how preflight's rules write theirs.
Finding about_host(std::string id, Severity severity, std::string fact, std::string message, Evidence evidence,
                   std::string hint = {}, bool forceable = false);

/// The worst severity among `findings` (ok for none).
Severity worst(const std::vector<Finding>& findings);

} // namespace devk8s::core::finding
