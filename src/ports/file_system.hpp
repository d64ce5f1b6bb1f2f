// Reading and writing files. Writes are atomic (temp file + rename) so an input is never left
// half-written; a file that arrives in pieces (a download) is staged beside its target and
// renamed into place. Implemented by adapters/fs/real_file_system.
#pragma once

#include "ports/staged_file.hpp"
#include "util/result.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::ports {

enum class FileKind { missing, regular, directory, other };

class FileSystem {
public:
  virtual ~FileSystem() = default;

  virtual FileKind kind(const std::string& path) = 0;
  virtual util::Result<std::string> read_file(const std::string& path) = 0;

  /// The same string for every path naming the same file (symlinks, "./", absolute or not), so
  /// a file named twice is edited once; the path itself when it cannot be resolved.
  virtual std::string identity(const std::string& path) = 0;

  /// Regular files below `dir` whose names end in one of `suffixes`, sorted, recursively.
  virtual util::Result<std::vector<std::string>> list_files(const std::string& dir,
                                                            const std::vector<std::string>& suffixes) = 0;

  /// Whether write_file_atomic(path) would be allowed (for a symlink: the file it points to, in
  /// that file's directory): checked for every file before a plan runs, so a plan does not stop
  /// halfway through.
  virtual util::Result<void> check_writable(const std::string& path) = 0;

  /// Replaces `path` with `content` atomically, keeping its permissions. A symlink stays a
  /// symlink: the file it points to is replaced, in its own directory (as sed -i
  /// --follow-symlinks does). With `backup_path`, the previous content is kept there first; an
  /// existing `backup_path` is never replaced (an error). Refuses a file without any write
  /// permission bit.
  virtual util::Result<void> write_file_atomic(const std::string& path, std::string_view content,
                                               const std::optional<std::string>& backup_path) = 0;

  /// Creates `dir` and its missing parents (~/.local/bin may not exist yet). Error: "cannot
  /// create DIR: why".
  virtual util::Result<void> create_directories(const std::string& dir) = 0;

  /// Whether files can be created in and renamed into `dir`, checked before a download starts
  /// rather than after it. Like check_writable, a directory without any write permission bit is
  /// refused even where root could write in it. Error: "cannot write in DIR: why".
  virtual util::Result<void> check_directory_writable(const std::string& dir) = 0;

  /// Starts a new file for `path`: a temp file in the same directory (so the final rename is
  /// atomic) named `<path>.devk8s-download-XXXXXX`, so one left by a killed run says what it
  /// was. Nothing changes at `path` until StagedFile::commit. Error: "cannot create a file in
  /// DIR: why".
  virtual util::Result<std::unique_ptr<StagedFile>> stage(const std::string& path) = 0;
};

} // namespace devk8s::ports
