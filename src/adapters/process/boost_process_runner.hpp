// ProcessRunner on Boost.Process: argv only, environment overrides, stdin, captured and
// streamed output, and a timeout that kills the child.
#pragma once

#include "ports/process_runner.hpp"

namespace devk8s::adapters {

class BoostProcessRunner final : public ports::ProcessRunner {
public:
  util::Result<ports::ProcessResult> run(const ports::Command& command) override;
};

} // namespace devk8s::adapters
