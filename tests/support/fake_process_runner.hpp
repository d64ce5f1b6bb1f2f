// A ProcessRunner that records every argv and replays scripted results, for adapter and CLI
// tests that must not start real tools.
#pragma once

#include "ports/process_runner.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace devk8s::test {

class FakeProcessRunner final : public ports::ProcessRunner {
public:
  /// The result for a command whose argv joined with spaces equals `command_line`.
  void script(const std::string& command_line, ports::ProcessResult result) { m_scripts[command_line] = std::move(result); }
  /// Commands whose argv[0] is `program` fail to start, as if not on PATH.
  void missing(const std::string& program) { m_missing.push_back(program); }

  util::Result<ports::ProcessResult> run(const ports::Command& command) override
  {
    // The host probe runs tools from several threads at once.
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::string line;
    for (const auto& word : command.argv) {
      line += (line.empty() ? "" : " ") + word;
    }
    m_ran.push_back(command.argv);
    m_timeouts.push_back(command.timeout);
    m_envs.push_back(command.env);
    for (const auto& program : m_missing) {
      if (!command.argv.empty() && command.argv[0] == program) {
        return util::failure("cannot run " + program + ": executable file not found in $PATH");
      }
    }
    const auto it = m_scripts.find(line);
    if (it == m_scripts.end()) {
      return ports::ProcessResult{127, "", "fake: no script for: " + line + "\n", false};
    }
    return it->second;
  }

  const std::vector<std::vector<std::string>>& ran() const { return m_ran; }
  /// The timeout each command was given, in the order they ran.
  const std::vector<std::optional<std::chrono::milliseconds>>& timeouts() const { return m_timeouts; }
  /// The environment each command added, in the order they ran.
  const std::vector<std::map<std::string, std::string>>& envs() const { return m_envs; }

private:
  std::map<std::string, ports::ProcessResult> m_scripts;
  std::vector<std::string> m_missing;
  std::vector<std::vector<std::string>> m_ran;
  std::vector<std::optional<std::chrono::milliseconds>> m_timeouts;
  std::vector<std::map<std::string, std::string>> m_envs;
  std::mutex m_mutex;
};

} // namespace devk8s::test
