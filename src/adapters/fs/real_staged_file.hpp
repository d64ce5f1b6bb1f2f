// StagedFile on a POSIX temp file: mkstemp beside the target, fsync, a hard-link backup and a
// rename. RealFileSystem's write_file_atomic is the same thing written in one piece, so both go
// through this one class. Also the fd helpers the two share.
#pragma once

#include "ports/staged_file.hpp"

#include <memory>

namespace devk8s::adapters {

/// "path: strerror(err)": the form every file-system error here takes.
util::Error errno_error(const std::string& path, int err);

/// Closes a file descriptor when it goes out of scope, unless released.
class FdCloser {
public:
  explicit FdCloser(int fd) : m_fd(fd) {}
  ~FdCloser();
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int release();

private:
  int m_fd;
};

/// Reads `fd` to its end in 64 KiB chunks; errors name `path`.
util::Result<void> read_chunks(int fd, const std::string& path, const std::function<void(std::string_view)>& consume);

class RealStagedFile final : public ports::StagedFile {
public:
  /// Creates `<target><infix>XXXXXX` (mode 0600, as mkstemp makes it). Null on failure, with
  /// the errno in `err`: callers word the error themselves.
  static std::unique_ptr<RealStagedFile> create(const std::string& target, const std::string& infix, int& err);

  ~RealStagedFile() override;
  RealStagedFile(const RealStagedFile&) = delete;
  RealStagedFile& operator=(const RealStagedFile&) = delete;

  const std::string& path() const override { return m_path; }
  std::uint64_t size() const override;
  util::Result<void> append(std::string_view data) override;
  util::Result<void> truncate() override;
  util::Result<void> set_mode(unsigned mode) override;
  util::Result<void> close() override;
  util::Result<void> read(const std::function<void(std::string_view)>& consume) override;
  util::Result<void> commit(const std::optional<std::string>& backup_path) override;

private:
  RealStagedFile(std::string target, std::string path, int fd)
    : m_target(std::move(target)), m_path(std::move(path)), m_fd(fd)
  {
  }

  std::string m_target;
  std::string m_path;
  int m_fd;
  bool m_committed = false;
};

} // namespace devk8s::adapters
