// The pieces of a download on disk: a temp file beside the target that is removed unless
// committed, a DownloadSink that appends to it (or starts over when a server ignores Range) and
// draws progress, and the guard that turns Ctrl-C into a clean abort. Used by binary_installer.
#pragma once

#include "core/install/progress_text.hpp"
#include "ports/http_client.hpp"
#include "util/result.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <ostream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace devk8s::exec {

// Ctrl-C during a download must not leave a partial file: while a guard lives, SIGINT and
// SIGTERM only set a flag (interrupted()); the transfer aborts at its next progress call (at
// least once a second), the temp file is removed, and when the guard goes the signal is
// delivered again with the handlers that were there before.
class InterruptGuard {
public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
  struct sigaction m_old_int {};
  struct sigaction m_old_term {};
};

/// Whether SIGINT or SIGTERM arrived while an InterruptGuard lives.
bool interrupted();

inline util::Error errno_error(const std::string& what, int err)
{
  return util::failure(what + ": " + std::strerror(err));
}

using DownloadClock = std::chrono::steady_clock;

// The download, in the target directory so the final rename is atomic; removed unless committed.
class TempFile {
public:
  explicit TempFile(const std::string& target) : m_path(target + ".devk8s-download-XXXXXX")
  {
    m_fd = ::mkstemp(m_path.data());
    m_error = m_fd < 0 ? errno : 0;
  }
  ~TempFile()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_committed && m_error == 0) {
      ::unlink(m_path.c_str());
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int error() const { return m_error; }
  int fd() const { return m_fd; }
  const std::string& path() const { return m_path; }
  std::uint64_t size() const
  {
    struct stat st {};
    return ::fstat(m_fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  bool truncate()
  {
    return ::ftruncate(m_fd, 0) == 0 && ::lseek(m_fd, 0, SEEK_SET) == 0;
  }
  util::Result<void> close()
  {
    const int fd = m_fd;
    m_fd = -1;
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      return errno_error(m_path, errno);
    }
    return {};
  }
  void committed() { m_committed = true; }

private:
  std::string m_path;
  int m_fd = -1;
  int m_error = 0;
  bool m_committed = false;
};

// Appends a 2xx body to the temp file: at the end for a 206 that starts where we asked, from the
// start for a 200 (the server ignored Range). Draws progress on the way.
class FileSink final : public ports::DownloadSink {
public:
  FileSink(TempFile& file, std::uint64_t offset, std::ostream& out, bool tty, std::string label)
    : m_file(file), m_offset(offset), m_out(out), m_tty(tty), m_label(std::move(label))
  {
  }

  bool begin(const ports::HttpResponse& head) override
  {
    m_status = head.status;
    if (head.status == 206) {
      const auto range = head.header("content-range").value_or("");
      if (range.rfind("bytes " + std::to_string(m_offset) + "-", 0) != 0) {
        m_problem = "the server resumed at the wrong place (Content-Range: " + util::quoted(range) + ")";
        return false;
      }
    } else if (head.status == 200 && m_offset > 0) {
      if (!m_file.truncate()) {
        m_problem = errno_error(m_file.path(), errno).message;
        return false;
      }
      m_offset = 0;
    }
    return true;
  }

  bool write(std::string_view chunk) override
  {
    while (!chunk.empty()) {
      const ssize_t n = ::write(m_file.fd(), chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        m_problem = errno_error(m_file.path(), errno).message;
        return false;
      }
      chunk.remove_prefix(static_cast<std::size_t>(n));
    }
    return !interrupted();
  }

  bool progress(std::uint64_t received, std::uint64_t total) override
  {
    if (interrupted()) {
      return false;
    }
    const auto now = DownloadClock::now();
    m_received = received;
    m_total = total;
    const bool complete = total > 0 && received == total;
    if (m_tty && (now - m_last_draw >= std::chrono::milliseconds(200) || (complete && !m_drew_complete))) {
      m_last_draw = now;
      m_drew_complete = complete;
      m_out << "\r\033[K" << line() << std::flush;
      m_drawn = true;
    }
    return true;
  }

  void end()
  {
    if (m_drawn) {
      m_out << "\r\033[K";
    }
  }
  std::string line() const
  {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(DownloadClock::now() - m_start);
    const std::uint64_t total = m_total > 0 ? m_offset + m_total : 0;
    return core::install::progress_line(m_label, m_offset + m_received, total, elapsed) +
           (m_offset > 0 ? "  (resumed at " + core::install::format_bytes(m_offset) + ")" : "");
  }
  long status() const { return m_status; }
  std::uint64_t received() const { return m_received; }
  const std::string& problem() const { return m_problem; }

private:
  TempFile& m_file;
  std::uint64_t m_offset;
  std::ostream& m_out;
  bool m_tty;
  std::string m_label;
  long m_status = 0;
  std::uint64_t m_received = 0;
  std::uint64_t m_total = 0;
  std::string m_problem;
  bool m_drawn = false;
  bool m_drew_complete = false;
  DownloadClock::time_point m_start = DownloadClock::now();
  DownloadClock::time_point m_last_draw{};
};

} // namespace devk8s::exec
