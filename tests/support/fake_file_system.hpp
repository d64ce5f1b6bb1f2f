// An in-memory FileSystem: files as a map, directories implied by paths, read-only files by
// name. Records every write, for tests that must see exactly what a command changed.
#pragma once

#include "ports/file_system.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace devk8s::test {

class FakeFileSystem final : public ports::FileSystem {
public:
  std::map<std::string, std::string> files;
  std::set<std::string> read_only;
  std::vector<std::string> writes;

  ports::FileKind kind(const std::string& path) override
  {
    if (files.count(path) != 0) {
      return ports::FileKind::regular;
    }
    const std::string prefix = path + "/";
    const bool dir = std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.first.rfind(prefix, 0) == 0; });
    return dir ? ports::FileKind::directory : ports::FileKind::missing;
  }

  util::Result<std::string> read_file(const std::string& path) override
  {
    const auto it = files.find(path);
    if (it == files.end()) {
      return util::failure(path + ": No such file or directory");
    }
    return it->second;
  }

  util::Result<std::vector<std::string>> list_files(const std::string& dir, const std::vector<std::string>& suffixes) override
  {
    std::vector<std::string> out;
    for (const auto& [path, content] : files) {
      const bool below = path.rfind(dir + "/", 0) == 0;
      const bool wanted = std::any_of(suffixes.begin(), suffixes.end(), [&, p = path](const std::string& s) {
        return p.size() > s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
      });
      if (below && wanted) {
        out.push_back(path);
      }
    }
    return out;
  }

  util::Result<void> check_writable(const std::string& path) override
  {
    if (read_only.count(path) != 0) {
      return util::failure(path + ": file is read-only");
    }
    return {};
  }

  util::Result<void> write_file_atomic(const std::string& path, std::string_view content,
                                       const std::optional<std::string>& backup_path) override
  {
    if (auto ok = check_writable(path); !ok) {
      return ok;
    }
    if (backup_path && files.count(path) != 0) {
      files[*backup_path] = files[path];
      writes.push_back(*backup_path);
    }
    files[path] = std::string(content);
    writes.push_back(path);
    return {};
  }
};

} // namespace devk8s::test
