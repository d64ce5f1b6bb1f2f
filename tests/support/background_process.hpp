// A helper process a test runs beside itself (a registry, a fault server): started with
// posix_spawn, its first stdout line read as its announcement, stopped by PID (SIGTERM, then
// SIGKILL) when the object goes. Its stdin is a pipe held open here, so a helper that watches
// stdin also stops if the test process dies without running destructors.
#pragma once

#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace devk8s::test {

class BackgroundProcess {
public:
  /// Starts argv and waits up to `timeout` for its first line on stdout.
  BackgroundProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout)
  {
    int in[2];
    int out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe2 failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    m_stdin = in[1];
    m_stdout = out[0];
    if (rc != 0) {
      cleanup_fds();
      throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    m_line = read_line(timeout);
    if (m_line.empty()) {
      stop();
      throw std::runtime_error(argv[0] + " printed no announcement line in time");
    }
  }
  ~BackgroundProcess() { stop(); }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  const std::string& announcement() const { return m_line; }
  pid_t pid() const { return m_pid; }

  void stop()
  {
    cleanup_fds();
    if (m_pid <= 0) {
      return;
    }
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
        m_pid = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }

private:
  std::string read_line(std::chrono::milliseconds timeout)
  {
    std::string line;
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{m_stdout, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1))) <= 0) {
        continue;
      }
      char c = 0;
      const auto n = ::read(m_stdout, &c, 1);
      if (n <= 0) {
        return {}; // it exited before announcing
      }
      if (c == '\n') {
        return line;
      }
      line += c;
    }
    return {};
  }

  void cleanup_fds()
  {
    if (m_stdin >= 0) {
      ::close(m_stdin);
      m_stdin = -1;
    }
    if (m_stdout >= 0) {
      ::close(m_stdout);
      m_stdout = -1;
    }
  }

  pid_t m_pid = -1;
  int m_stdin = -1;
  int m_stdout = -1;
  std::string m_line;
};

} // namespace devk8s::test
