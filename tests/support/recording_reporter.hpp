// A Reporter that keeps everything it is told, for tests to assert on.
#pragma once

#include "ports/reporter.hpp"

#include <string>
#include <vector>

namespace devk8s::test {

class RecordingReporter final : public ports::Reporter {
public:
  struct Output {
    std::string source;
    std::string line;
  };
  std::vector<std::string> infos;
  std::vector<std::string> warnings;
  std::vector<std::string> details;
  std::vector<Output> outputs;
  std::vector<std::string> statuses;

  void info(std::string_view line) override { infos.emplace_back(line); }
  void warning(std::string_view line) override { warnings.emplace_back(line); }
  void detail(std::string_view line) override { details.emplace_back(line); }
  void output(std::string_view source, std::string_view line) override
  {
    outputs.push_back({std::string(source), std::string(line)});
  }
  void status(std::string_view text) override { statuses.emplace_back(text); }
};

} // namespace devk8s::test
