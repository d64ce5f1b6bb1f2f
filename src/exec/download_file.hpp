// The pieces of a download: a DownloadSink that appends to a staged file (ports::StagedFile; it
// starts over when a server ignores Range), draws progress, and aborts once the cancellation
// token is set (Ctrl-C). Used by binary_installer. The file itself is the FileSystem port's.
#pragma once

#include "core/install/progress_text.hpp"
#include "ports/http_client.hpp"
#include "ports/staged_file.hpp"
#include "util/cancel.hpp"
#include "util/strings.hpp"

#include <chrono>
#include <ostream>
#include <string>

namespace devk8s::exec {

using DownloadClock = std::chrono::steady_clock;

// Appends a 2xx body to the temp file: at the end for a 206 that starts where we asked, from the
// start for a 200 (the server ignored Range). Draws progress on the way.
class FileSink final : public ports::DownloadSink {
public:
  FileSink(ports::StagedFile& file, std::uint64_t offset, std::uint64_t max_bytes, std::ostream& out, bool tty,
           std::string label, const util::CancelToken& cancel)
    : m_file(file), m_offset(offset), m_max_bytes(max_bytes), m_out(out), m_tty(tty), m_label(std::move(label)),
      m_cancel(cancel)
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
      if (auto emptied = m_file.truncate(); !emptied) {
        m_problem = emptied.error().message;
        return false;
      }
      m_offset = 0;
    }
    return true;
  }

  bool write(std::string_view chunk) override
  {
    // The checksum is only checked at the end: a mirror sending an endless body must not fill
    // the disk first.
    if (m_file.size() + chunk.size() > m_max_bytes) {
      m_problem = "the download grew past " + core::install::format_bytes(m_max_bytes) + ", more than any release binary";
      return false;
    }
    if (auto written = m_file.append(chunk); !written) {
      m_problem = written.error().message;
      return false;
    }
    return !m_cancel.cancelled();
  }

  bool progress(std::uint64_t received, std::uint64_t total) override
  {
    if (m_cancel.cancelled()) {
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
  ports::StagedFile& m_file;
  std::uint64_t m_offset;
  std::uint64_t m_max_bytes;
  std::ostream& m_out;
  bool m_tty;
  std::string m_label;
  const util::CancelToken& m_cancel;
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
