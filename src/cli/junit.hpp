// JUnit XML, the report format CI systems read (Jenkins, GitLab, GitHub's test reporters):
// preflight writes it now; the doctor's findings and smoke's checks are to write it the same way.
// The subset written is the one those readers agree on: <testsuites>, one <testsuite>, and
// <testcase> with <failure>, <skipped> or <system-out>.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace devk8s::cli::junit {

struct TestCase {
  std::string classname;
  std::string name;
  std::optional<std::string> failure_message; ///< set: the case failed
  std::string failure_type = "fail";
  std::optional<std::string> skipped_message; ///< set: the case did not run
  std::string details;                        ///< the failure's body, else <system-out>
  double seconds = -1;                        ///< written as time="…" when known (>= 0)
};

struct Suite {
  std::string name;     ///< the <testsuite>'s name
  std::string report;   ///< the <testsuites>' name, such as "devk8s preflight"
  std::vector<TestCase> cases;
};

/// The document, with counts of tests, failures and skipped cases.
std::string to_xml(const Suite& suite);

/// Text escaped for XML 1.0 attributes and content: bytes that are not UTF-8 become U+FFFD (util::utf8),
/// the control characters XML forbids are dropped.
std::string escape(const std::string& text);

} // namespace devk8s::cli::junit
