// A ProcessRunner that records every command (argv, env, stdin, timeout) and replays scripted
// results, for adapter and CLI tests that must not start real tools. A script answers one
// command line, in sequence (the last answer repeats) or by a matcher; output is streamed through
// the command's on_stdout/on_stderr as a real child's would be (in the scripted chunks, when
// given), then returned whole. Like a real runner it can watch a cancellation token.
#pragma once

#include "ports/process_runner.hpp"
#include "util/cancel.hpp"

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace devk8s::test {

class FakeProcessRunner final : public ports::ProcessRunner {
public:
  using Matcher = std::function<bool(const ports::Command&)>;

  /// The result for a command whose argv joined with spaces equals `command_line`.
  void script(const std::string& command_line, ports::ProcessResult result)
  {
    m_scripts[command_line] = {std::move(result)};
  }
  /// Answers for successive runs of `command_line`, in order; the last one repeats.
  void script_sequence(const std::string& command_line, std::vector<ports::ProcessResult> results)
  {
    m_scripts[command_line] = std::deque<ports::ProcessResult>(results.begin(), results.end());
  }
  /// The result for any command `matches` accepts, tried (in the order added) when no exact
  /// command line is scripted.
  void script_matching(Matcher matches, ports::ProcessResult result)
  {
    m_matchers.emplace_back(std::move(matches), std::move(result));
  }
  /// Commands whose argv[0] is `program` fail to start, as if not on PATH.
  void missing(const std::string& program) { m_missing.push_back(program); }
  /// Stdout of `command_line` arrives in these chunks (a real pipe splits where it likes); the
  /// scripted result's `out` is still what run() returns.
  void stream_chunks(const std::string& command_line, std::vector<std::string> chunks)
  {
    m_chunks[command_line] = std::move(chunks);
  }
  /// Watches `token` as BoostProcessRunner does: a command started after it is set does not
  /// start; one running when it is set ends cancelled, with exit 130 (minikube on SIGINT).
  void watch(const util::CancelToken& token) { m_cancel = &token; }
  /// Called while each command "runs", after its output was streamed: where a test presses Ctrl-C.
  void while_running(std::function<void(const ports::Command&)> hook) { m_while_running = std::move(hook); }

  util::Result<ports::ProcessResult> run(const ports::Command& command) override
  {
    if (m_cancel != nullptr && m_cancel->cancelled()) {
      record(command);
      return util::interrupted(command.argv.empty() ? std::string("nothing") : command.argv[0] + " was not started");
    }
    auto result = answer(command);
    // Streamed outside the lock, as a real runner calls back from its reader while the child runs.
    if (result) {
      const auto chunks = m_chunks.find(line_of(command));
      if (command.on_stdout && chunks != m_chunks.end()) {
        for (const auto& chunk : chunks->second) {
          command.on_stdout(chunk);
        }
      } else if (command.on_stdout && !result->out.empty()) {
        command.on_stdout(result->out);
      }
      if (command.on_stderr && !result->err.empty()) {
        command.on_stderr(result->err);
      }
      if (m_while_running) {
        m_while_running(command);
      }
      if (m_cancel != nullptr && m_cancel->cancelled()) {
        result->cancelled = true;
        result->exit_code = 130;
      }
    }
    return result;
  }

  const std::vector<std::vector<std::string>>& ran() const { return m_ran; }
  /// The timeout each command was given, in the order they ran.
  const std::vector<std::optional<std::chrono::milliseconds>>& timeouts() const { return m_timeouts; }
  /// The environment each command added, in the order they ran.
  const std::vector<std::map<std::string, std::string>>& envs() const { return m_envs; }
  /// What each command was given on its standard input, in the order they ran.
  const std::vector<std::string>& stdins() const { return m_stdins; }

private:
  static std::string line_of(const ports::Command& command)
  {
    std::string line;
    for (const auto& word : command.argv) {
      line += (line.empty() ? "" : " ") + word;
    }
    return line;
  }

  void record(const ports::Command& command)
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    record_locked(command);
  }

  void record_locked(const ports::Command& command)
  {
    m_ran.push_back(command.argv);
    m_timeouts.push_back(command.timeout);
    m_envs.push_back(command.env);
    m_stdins.push_back(command.stdin_data);
  }

  util::Result<ports::ProcessResult> answer(const ports::Command& command)
  {
    // The host probe runs tools from several threads at once.
    const std::lock_guard<std::mutex> lock(m_mutex);
    const std::string line = line_of(command);
    record_locked(command);
    for (const auto& program : m_missing) {
      if (!command.argv.empty() && command.argv[0] == program) {
        return util::failure("cannot run " + program + ": executable file not found in $PATH");
      }
    }
    if (const auto it = m_scripts.find(line); it != m_scripts.end() && !it->second.empty()) {
      auto result = it->second.front();
      if (it->second.size() > 1) {
        it->second.pop_front();
      }
      return result;
    }
    for (const auto& [matches, result] : m_matchers) {
      if (matches(command)) {
        return result;
      }
    }
    return ports::ProcessResult{127, "", "fake: no script for: " + line + "\n", false};
  }

  std::map<std::string, std::deque<ports::ProcessResult>> m_scripts;
  std::vector<std::pair<Matcher, ports::ProcessResult>> m_matchers;
  std::vector<std::string> m_missing;
  std::map<std::string, std::vector<std::string>> m_chunks;
  const util::CancelToken* m_cancel = nullptr;
  std::function<void(const ports::Command&)> m_while_running;
  std::vector<std::vector<std::string>> m_ran;
  std::vector<std::optional<std::chrono::milliseconds>> m_timeouts;
  std::vector<std::map<std::string, std::string>> m_envs;
  std::vector<std::string> m_stdins;
  std::mutex m_mutex;
};

} // namespace devk8s::test
