// How use cases (src/app) and the executor tell the user what is happening while they work,
// without knowing whether the CLI shows text on a terminal, plain lines in a pipe, or nothing
// but a final JSON document. Results are returned, never reported: a reporter carries only
// what a user watches go by. Implemented by cli/text_reporter (stderr) and, in tests, by
// tests/support/recording_reporter.hpp.
#pragma once

#include <string_view>

namespace devk8s::ports {

class Reporter {
public:
  virtual ~Reporter() = default;

  /// Something happened that the user should see in the log: "rewrote k8s/a.yaml", "verified X exists".
  virtual void info(std::string_view line) = 0;
  /// Something the user should act on or know, that does not fail the command.
  virtual void warning(std::string_view line) = 0;
  /// Detail shown only with -v (hosts tried, attempts, timings).
  virtual void detail(std::string_view line) = 0;
  /// One line a child process printed; `source` names it ("minikube", "node m02"). Shown indented
  /// under the step that runs it, so minikube's own progress stays readable.
  virtual void output(std::string_view source, std::string_view line) = 0;
  /// A live status that replaces the previous one on a terminal (a wait's pending list, a
  /// download's bar); elsewhere it is printed only when it changes, at most every few seconds.
  /// An empty status clears it.
  virtual void status(std::string_view text) = 0;
};

/// Reports nothing: for callers that only want the result (completion, benchmarks).
class NullReporter final : public Reporter {
public:
  void info(std::string_view) override {}
  void warning(std::string_view) override {}
  void detail(std::string_view) override {}
  void output(std::string_view, std::string_view) override {}
  void status(std::string_view) override {}
};

} // namespace devk8s::ports
