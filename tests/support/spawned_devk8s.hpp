// The devk8s binary started in the background with only this environment, its stdout discarded
// and its stderr in a file, for tests that signal it mid-way (Ctrl-C) and read what it said.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace devk8s::test {

class SpawnedDevk8s {
public:
  SpawnedDevk8s(std::vector<std::string> args, const std::map<std::string, std::string>& env, std::string err_file)
    : m_err_file(std::move(err_file))
  {
    args.insert(args.begin(), DEVK8S_BINARY);
    std::vector<std::string> env_text;
    for (const auto& [k, v] : env) {
      env_text.push_back(k + "=" + v);
    }
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : env_text) {
      envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, m_err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int rc = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      throw std::runtime_error("cannot start " + args[0]);
    }
  }
  ~SpawnedDevk8s()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  SpawnedDevk8s(const SpawnedDevk8s&) = delete;
  SpawnedDevk8s& operator=(const SpawnedDevk8s&) = delete;

  std::string err() const
  {
    std::ifstream in(m_err_file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  /// Polls stderr every 50 ms for up to 30 s; whether `text` appeared.
  bool wait_for(const std::string& text) const
  {
    for (int i = 0; i < 600; ++i) {
      if (err().find(text) != std::string::npos) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  /// Sends `signal` and waits for the process to end; its wait status.
  int signal_and_wait(int signal)
  {
    ::kill(m_pid, signal);
    int status = 0;
    if (::waitpid(m_pid, &status, 0) != m_pid) {
      throw std::runtime_error("waitpid failed");
    }
    m_pid = -1;
    return status;
  }

private:
  std::string m_err_file;
  pid_t m_pid = -1;
};

} // namespace devk8s::test
