#include "adapters/fs/real_staged_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace devk8s::adapters {

namespace {

// Keeps the previous content at backup_path, never over an existing file: an earlier backup may
// hold the only original. A hard link costs nothing, is atomic and fails on an existing name;
// where links are not possible (another file system, FAT), copy under another name and move it
// in place only while the name is still free.
util::Result<void> make_backup(const std::string& path, const std::string& backup_path)
{
  const auto exists = [&] {
    return util::failure(backup_path + ": already exists, and a backup is never overwritten");
  };
  if (::link(path.c_str(), backup_path.c_str()) == 0) {
    return {};
  }
  if (errno == EEXIST) {
    return exists();
  }
  const std::string staging = backup_path + ".devk8s-tmp";
  ::unlink(staging.c_str());
  std::error_code ec;
  std::filesystem::copy_file(path, staging, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) {
    ::unlink(staging.c_str());
    return util::failure(backup_path + ": cannot write backup: " + ec.message());
  }
  struct stat st {};
  if (::lstat(backup_path.c_str(), &st) == 0) {
    ::unlink(staging.c_str());
    return exists();
  }
  if (::rename(staging.c_str(), backup_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(staging.c_str());
    return errno_error(backup_path, err);
  }
  return {};
}

} // namespace

util::Error errno_error(const std::string& path, int err)
{
  return util::failure(path + ": " + std::strerror(err));
}

FdCloser::~FdCloser()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

int FdCloser::release()
{
  const int fd = m_fd;
  m_fd = -1;
  return fd;
}

util::Result<void> read_chunks(int fd, const std::string& path, const std::function<void(std::string_view)>& consume)
{
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error(path, errno);
    }
    if (n == 0) {
      return {};
    }
    consume(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
}

std::unique_ptr<RealStagedFile> RealStagedFile::create(const std::string& target, const std::string& infix, int& err)
{
  std::string path = target + infix + "XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    err = errno;
    return nullptr;
  }
  err = 0;
  return std::unique_ptr<RealStagedFile>(new RealStagedFile(target, std::move(path), fd));
}

RealStagedFile::~RealStagedFile()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_committed) {
    ::unlink(m_path.c_str());
  }
}

std::uint64_t RealStagedFile::size() const
{
  struct stat st {};
  const int rc = m_fd >= 0 ? ::fstat(m_fd, &st) : ::stat(m_path.c_str(), &st);
  return rc == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

util::Result<void> RealStagedFile::append(std::string_view data)
{
  while (!data.empty()) {
    const ssize_t n = ::write(m_fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error(m_path, errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

util::Result<void> RealStagedFile::truncate()
{
  if (::ftruncate(m_fd, 0) != 0 || ::lseek(m_fd, 0, SEEK_SET) != 0) {
    return errno_error(m_path, errno);
  }
  return {};
}

util::Result<void> RealStagedFile::set_mode(unsigned mode)
{
  if (::fchmod(m_fd, static_cast<mode_t>(mode & 07777)) != 0) {
    return errno_error(m_path, errno);
  }
  return {};
}

util::Result<void> RealStagedFile::close()
{
  if (m_fd < 0) {
    return {};
  }
  const int fd = m_fd;
  m_fd = -1;
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return errno_error(m_path, err);
  }
  if (::close(fd) != 0) {
    return errno_error(m_path, errno);
  }
  return {};
}

util::Result<void> RealStagedFile::read(const std::function<void(std::string_view)>& consume)
{
  const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno_error(m_path, errno);
  }
  FdCloser closer(fd);
  return read_chunks(fd, m_path, consume);
}

util::Result<void> RealStagedFile::commit(const std::optional<std::string>& backup_path)
{
  if (auto closed = close(); !closed) {
    return closed;
  }
  struct stat st {};
  if (backup_path && ::stat(m_target.c_str(), &st) == 0) {
    if (auto backed_up = make_backup(m_target, *backup_path); !backed_up) {
      return backed_up;
    }
  }
  if (::rename(m_path.c_str(), m_target.c_str()) != 0) {
    return errno_error(m_target, errno);
  }
  m_committed = true;
  return {};
}

} // namespace devk8s::adapters
