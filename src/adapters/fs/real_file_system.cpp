#include "adapters/fs/real_file_system.hpp"

#include "adapters/fs/real_staged_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace devk8s::adapters {

namespace {

std::string parent_dir(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// -i edits the file a symlink points to, as sed -i --follow-symlinks and editors do: replacing
// the link itself would cut it from the file it shared. Other paths are returned as they are.
util::Result<std::string> link_target(const std::string& path)
{
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
    return path;
  }
  std::error_code ec;
  const auto target = std::filesystem::canonical(path, ec);
  if (ec) {
    return util::failure(path + ": a symbolic link to nothing that can be written: " + ec.message());
  }
  return target.string();
}

} // namespace

std::string RealFileSystem::identity(const std::string& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return path;
  }
  // Device and inode: also one file through two hard links.
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

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
  if (auto read = read_chunks(fd, path, [&](std::string_view chunk) { content.append(chunk); }); !read) {
    return read.error();
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

util::Result<void> RealFileSystem::check_writable(const std::string& given)
{
  DEVK8S_TRY(const std::string path, link_target(given));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 0222) == 0) {
    // Root could still replace it; a file nobody may write is a statement we respect.
    return util::failure(given + ": file is read-only", "make it writable (chmod u+w) or write the output elsewhere");
  }
  const std::string dir = parent_dir(path);
  // The temp file and the rename need the directory.
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return util::failure(given + ": cannot write in " + dir + ": " + std::strerror(errno));
  }
  return {};
}

util::Result<void> RealFileSystem::write_file_atomic(const std::string& given, std::string_view content,
                                                     const std::optional<std::string>& backup_path)
{
  if (auto ok = check_writable(given); !ok) {
    return ok;
  }
  DEVK8S_TRY(const std::string path, link_target(given));
  struct stat st {};
  const bool existed = ::stat(path.c_str(), &st) == 0;
  int err = 0;
  const auto file = RealStagedFile::create(path, ".devk8s-", err);
  if (!file) {
    return errno_error(path, err);
  }
  if (auto written = file->append(content); !written) {
    return written;
  }
  if (existed) {
    if (auto mode = file->set_mode(st.st_mode & 07777); !mode) {
      return mode;
    }
  }
  return file->commit(existed ? backup_path : std::nullopt);
}

util::Result<void> RealFileSystem::create_directories(const std::string& dir)
{
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return util::failure("cannot create " + dir + ": " + ec.message());
  }
  return {};
}

util::Result<void> RealFileSystem::check_directory_writable(const std::string& dir)
{
  // As for files in check_writable: a directory nobody may write is respected even by root.
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & 0222) == 0) {
    return util::failure("cannot write in " + dir + ": the directory is read-only");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return util::failure("cannot write in " + dir + ": " + std::strerror(errno));
  }
  return {};
}

util::Result<std::unique_ptr<ports::StagedFile>> RealFileSystem::stage(const std::string& path)
{
  int err = 0;
  auto file = RealStagedFile::create(path, ".devk8s-download-", err);
  if (!file) {
    return util::failure("cannot create a file in " + parent_dir(path) + ": " + std::strerror(err));
  }
  return std::unique_ptr<ports::StagedFile>(std::move(file));
}

} // namespace devk8s::adapters
