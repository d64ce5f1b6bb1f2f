// FileSystem on POSIX calls: atomic replace through a temp file in the same directory
// (adapters/fs/real_staged_file, shared by write_file_atomic and stage).
#pragma once

#include "ports/file_system.hpp"

namespace devk8s::adapters {

class RealFileSystem final : public ports::FileSystem {
public:
  ports::FileKind kind(const std::string& path) override;
  util::Result<std::string> read_file(const std::string& path) override;
  std::string identity(const std::string& path) override;
  util::Result<std::vector<std::string>> list_files(const std::string& dir,
                                                    const std::vector<std::string>& suffixes) override;
  util::Result<void> check_writable(const std::string& path) override;
  util::Result<void> write_file_atomic(const std::string& path, std::string_view content,
                                       const std::optional<std::string>& backup_path) override;
  util::Result<void> create_directories(const std::string& dir) override;
  util::Result<void> check_directory_writable(const std::string& dir) override;
  util::Result<std::unique_ptr<ports::StagedFile>> stage(const std::string& path) override;
};

} // namespace devk8s::adapters
