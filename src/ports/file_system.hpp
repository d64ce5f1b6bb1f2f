// Reading and writing files. Writes are atomic (temp file + rename) so an input is never left
// half-written. Implemented by adapters/fs/real_file_system.
#pragma once

#include "util/result.hpp"

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

  /// Regular files below `dir` whose names end in one of `suffixes`, sorted, recursively.
  virtual util::Result<std::vector<std::string>> list_files(const std::string& dir,
                                                            const std::vector<std::string>& suffixes) = 0;

  /// Whether write_file_atomic(path) would be allowed: checked for every file before a plan runs,
  /// so a plan does not stop halfway through.
  virtual util::Result<void> check_writable(const std::string& path) = 0;

  /// Replaces `path` with `content` atomically, keeping its permissions. With `backup_path`,
  /// the previous content is kept there first. Refuses a file without any write permission bit.
  virtual util::Result<void> write_file_atomic(const std::string& path, std::string_view content,
                                               const std::optional<std::string>& backup_path) = 0;
};

} // namespace devk8s::ports
