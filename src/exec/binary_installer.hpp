// Applies an InstallBinary step: download from the first candidate that works (retrying,
// resuming with Range), verify the SHA-256 against the published checksum, run the new binary's
// version command, then rename it into place. Every file-system effect goes through the
// FileSystem port (a staged file beside the target). Used by RealExecutor; never by a dry run.
#pragma once

#include "core/plan/plan.hpp"
#include "ports/file_system.hpp"
#include "ports/http_client.hpp"
#include "ports/process_runner.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

#include <iosfwd>

namespace devk8s::exec {

class BinaryInstaller {
public:
  /// `progress` is stderr; `tty` draws a live bar there, otherwise a line per event.
  BinaryInstaller(ports::FileSystem& fs, ports::HttpClient& http, ports::ProcessRunner& runner, std::ostream& progress,
                  bool tty, const util::CancelToken& cancel = util::process_cancel_token())
    : m_fs(fs), m_http(http), m_runner(runner), m_progress(progress), m_tty(tty), m_cancel(cancel)
  {
  }

  /// Tries each candidate in order, reporting each failure on `progress`; the error lists them
  /// all. The target directory is created and checked before any download. On any failure, and
  /// when `cancel` is set (Ctrl-C), the staged file is removed and `path` is untouched.
  util::Result<void> install(const core::plan::InstallBinary& step);

private:
  util::Result<void> try_candidate(const core::plan::InstallBinary& step, const core::plan::DownloadCandidate& candidate);
  util::Result<std::string> fetch_checksum(const core::plan::InstallBinary& step, const core::plan::DownloadCandidate& candidate);

  ports::FileSystem& m_fs;
  ports::HttpClient& m_http;
  ports::ProcessRunner& m_runner;
  std::ostream& m_progress;
  bool m_tty;
  const util::CancelToken& m_cancel;
};

} // namespace devk8s::exec
