// FileSystem on POSIX calls: atomic replace through a temp file in the same directory.
#pragma once

#include "ports/file_system.hpp"

namespace devk8s::adapters {

class RealFileSystem final : public ports::FileSystem {
public:
  ports::FileKind kind(const std::string& path) override;
  util::Result<std::string> read_file(const std::string& path) override;
  util::Result<std::vector<std::string>> list_files(const std::string& dir,
                                                    const std::vector<std::string>& suffixes) override;
  util::Result<void> check_writable(const std::string& path) override;
  util::Result<void> write_file_atomic(const std::string& path, std::string_view content,
                                       const std::optional<std::string>& backup_path) override;
};

} // namespace devk8s::adapters
