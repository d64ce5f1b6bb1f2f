#include "adapters/fs/real_file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace devk8s::adapters {

namespace {

util::Error errno_error(const std::string& path, int err)
{
  return util::failure(path + ": " + std::strerror(err));
}

class FdCloser {
public:
  explicit FdCloser(int fd) : m_fd(fd) {}
  ~FdCloser()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int release()
  {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd;
};

util::Result<void> write_all(int fd, std::string_view content, const std::string& path)
{
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error(path, errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

// Keeps the previous content at backup_path. A hard link costs nothing and is atomic; where
// links are not possible (another file system, FAT), copy instead.
util::Result<void> make_backup(const std::string& path, const std::string& backup_path)
{
  const std::string staging = backup_path + ".devk8s-tmp";
  ::unlink(staging.c_str());
  if (::link(path.c_str(), staging.c_str()) != 0) {
    std::error_code ec;
    std::filesystem::copy_file(path, staging, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      return util::failure(backup_path + ": cannot write backup: " + ec.message());
    }
  }
  if (::rename(staging.c_str(), backup_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(staging.c_str());
    return errno_error(backup_path, err);
  }
  return {};
}

} // namespace

ports::FileKind RealFileSystem::kind(const std::string& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return ports::FileKind::missing;
  }
  if (S_ISREG(st.st_mode)) {
    return ports::FileKind::regular;
  }
  if (S_ISDIR(st.st_mode)) {
    return ports::FileKind::directory;
  }
  return ports::FileKind::other;
}

util::Result<std::string> RealFileSystem::read_file(const std::string& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno_error(path, errno);
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    return util::failure(path + ": is a directory");
  }
  std::string content;
  if (st.st_size > 0) {
    content.reserve(static_cast<std::size_t>(st.st_size));
  }
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
      break;
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

util::Result<std::vector<std::string>> RealFileSystem::list_files(const std::string& dir,
                                                                  const std::vector<std::string>& suffixes)
{
  std::vector<std::string> files;
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::none, ec);
  if (ec) {
    return util::failure(dir + ": " + ec.message());
  }
  for (const auto end = std::filesystem::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) {
      return util::failure(dir + ": " + ec.message());
    }
    if (!it->is_regular_file(ec)) {
      continue;
    }
    const std::string name = it->path().filename().string();
    const bool wanted = std::any_of(suffixes.begin(), suffixes.end(), [&](const std::string& s) {
      return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    });
    if (wanted) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

util::Result<void> RealFileSystem::check_writable(const std::string& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 0222) == 0) {
    // Root could still replace it; a file nobody may write is a statement we respect.
    return util::failure(path + ": file is read-only", "make it writable (chmod u+w) or write the output elsewhere");
  }
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  // The temp file and the rename need the directory.
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return util::failure(path + ": cannot write in " + dir + ": " + std::strerror(errno));
  }
  return {};
}

util::Result<void> RealFileSystem::write_file_atomic(const std::string& path, std::string_view content,
                                                     const std::optional<std::string>& backup_path)
{
  if (auto ok = check_writable(path); !ok) {
    return ok;
  }
  struct stat st {};
  const bool existed = ::stat(path.c_str(), &st) == 0;
  std::string temp = path + ".devk8s-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return errno_error(path, errno);
  }
  FdCloser closer(fd);
  auto discard = [&](util::Error e) {
    ::unlink(temp.c_str());
    return e;
  };
  if (auto written = write_all(fd, content, temp); !written) {
    return discard(written.error());
  }
  if (existed && ::fchmod(fd, st.st_mode & 07777) != 0) {
    return discard(errno_error(temp, errno));
  }
  if (::fsync(fd) != 0) {
    return discard(errno_error(temp, errno));
  }
  if (::close(closer.release()) != 0) {
    return discard(errno_error(temp, errno));
  }
  if (existed && backup_path) {
    if (auto backed_up = make_backup(path, *backup_path); !backed_up) {
      return discard(backed_up.error());
    }
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return discard(errno_error(path, errno));
  }
  return {};
}

} // namespace devk8s::adapters
