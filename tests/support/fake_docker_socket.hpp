// A Docker Engine API stand-in on a unix socket: answers GET /info (and GET /_ping) with a
// fixture body, like dockerd does, so the host probe's libcurl path runs for real. The /info
// body shape is the Engine API's SystemInfo (https://docs.docker.com/reference/api/engine/
// version/v1.41/#tag/System/operation/SystemInfo); fixtures are in tests/fixtures/hosts/*/docker-info.json.
#pragma once

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

namespace devk8s::test {

class FakeDockerSocket {
public:
  enum class Mode { answer, hang, status_500 };

  explicit FakeDockerSocket(std::string info_body, Mode mode = Mode::answer)
    : m_body(std::move(info_body)), m_mode(mode)
  {
    // A fixed-length path in /tmp (unix socket paths are short), so output that shows it keeps
    // its column widths when a test replaces it with stable_docker_host().
    std::string dir = "/tmp/dk8s-XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) {
      throw std::runtime_error("fake docker socket: mkdtemp failed");
    }
    m_dir = dir;
    m_path = dir + "/docker.sock";
    m_fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_fd < 0 || m_path.size() >= sizeof addr.sun_path) {
      throw std::runtime_error("fake docker socket: cannot create");
    }
    std::memcpy(addr.sun_path, m_path.c_str(), m_path.size() + 1);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_fd, 8) != 0) {
      throw std::runtime_error("fake docker socket: cannot bind " + m_path);
    }
    m_thread = std::thread([this] { serve(); });
  }
  ~FakeDockerSocket()
  {
    m_stop = true;
    ::shutdown(m_fd, SHUT_RDWR);
    ::close(m_fd);
    m_thread.join();
    ::unlink(m_path.c_str());
    ::rmdir(m_dir.c_str());
  }
  FakeDockerSocket(const FakeDockerSocket&) = delete;
  FakeDockerSocket& operator=(const FakeDockerSocket&) = delete;

  std::string docker_host() const { return "unix://" + m_path; }
  /// docker_host() with the random part masked: same length, same on every run.
  static std::string stable_docker_host() { return "unix:///tmp/dk8s-XXXXXX/docker.sock"; }
  const std::string& path() const { return m_path; }
  int requests() const { return m_requests; }
  const std::string& last_request_line() const { return m_last_line; }

private:
  void serve()
  {
    while (!m_stop) {
      const int client = ::accept(m_fd, nullptr, nullptr);
      if (client < 0) {
        return;
      }
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::read(client, buffer, sizeof buffer);
        if (n <= 0) {
          break;
        }
        request.append(buffer, static_cast<std::size_t>(n));
      }
      ++m_requests;
      m_last_line = request.substr(0, request.find("\r\n"));
      if (m_mode == Mode::hang) {
        // Hold the connection without answering until the test ends or the client gives up.
        while (!m_stop && ::read(client, buffer, sizeof buffer) > 0) {
        }
        ::close(client);
        continue;
      }
      const bool info = m_last_line.rfind("GET /info ", 0) == 0 || m_last_line.find(" /info ") != std::string::npos;
      std::string status = "200 OK";
      std::string body = m_body;
      if (m_mode == Mode::status_500) {
        status = "500 Internal Server Error";
        body = "{\"message\":\"fake daemon error\"}";
      } else if (!info) {
        status = "404 Not Found";
        body = "{\"message\":\"page not found\"}";
      }
      const std::string response = "HTTP/1.1 " + status + "\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                                   "Server: Docker/20.10.6 (linux)\r\nContent-Length: " + std::to_string(body.size()) +
                                   "\r\nConnection: close\r\n\r\n" + body;
      std::size_t sent = 0;
      while (sent < response.size()) {
        const ssize_t n = ::write(client, response.data() + sent, response.size() - sent);
        if (n <= 0) {
          break;
        }
        sent += static_cast<std::size_t>(n);
      }
      ::close(client);
    }
  }

  std::string m_dir;
  std::string m_body;
  Mode m_mode;
  std::string m_path;
  int m_fd = -1;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_requests{0};
  std::string m_last_line;
  std::thread m_thread;
};

} // namespace devk8s::test
