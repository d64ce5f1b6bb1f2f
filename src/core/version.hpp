// Semantic versions as Kubernetes tools print them ("v1.20.0", "1.17.9", "v1.27.1-eks-2f008fe",
// "20.10.6"), their order, and minor-version skew. Pure; used by preflight and doctor.
#pragma once

#include "util/result.hpp"

#include <compare>
#include <string>
#include <string_view>

namespace devk8s::core {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  /// "rc.1" in "v1.30.0-rc.1"; empty for a release. Build metadata ("+k3s1") is dropped.
  std::string prerelease;

  /// Accepts an optional leading 'v', then MAJOR[.MINOR[.PATCH]], then optional -pre and +build.
  /// Missing parts are 0. Rejects anything else with the text quoted.
  static util::Result<Version> parse(std::string_view text);

  /// "v1.20.0" or "v1.30.0-rc.1"; `with_v` false gives "1.20.0".
  std::string str(bool with_v = true) const;

  /// SemVer precedence: a prerelease sorts before its release; prereleases compare as text.
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const = default;
};

/// |a.minor - b.minor| when the majors agree; a large number when they differ.
int minor_skew(const Version& a, const Version& b);

} // namespace devk8s::core
