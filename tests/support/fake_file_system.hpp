// An in-memory FileSystem: files as a map, directories implied by paths (or created), read-only
// files and directories by name. Records every write, for tests that must see exactly what a
// command changed. A staged file lives in `files` under `<path>.devk8s-download-<n>` (n counts
// from 1) until it is committed or dropped, as a real one would sit in the directory.
#pragma once

#include "ports/file_system.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace devk8s::test {

class FakeFileSystem final : public ports::FileSystem {
public:
  std::map<std::string, std::string> files;
  std::set<std::string> read_only;
  std::vector<std::string> writes;
  std::set<std::string> directories;         ///< created by create_directories
  std::map<std::string, unsigned> modes;     ///< set through a staged file, kept by commit
  std::vector<std::string> staged;           ///< every temp path stage() handed out
  std::set<std::string> failing;             ///< writes to these fail as an I/O error would, after every check

  ports::FileKind kind(const std::string& path) override
  {
    if (files.count(path) != 0) {
      return ports::FileKind::regular;
    }
    const std::string prefix = path + "/";
    const bool dir = std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.first.rfind(prefix, 0) == 0; });
    return dir || directories.count(path) != 0 ? ports::FileKind::directory : ports::FileKind::missing;
  }

  std::string identity(const std::string& path) override
  {
    return std::filesystem::path(path).lexically_normal().string();
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
    if (failing.count(path) != 0) {
      return util::failure(path + ": Input/output error");
    }
    if (backup_path && files.count(path) != 0) {
      if (kind(*backup_path) != ports::FileKind::missing) {
        return util::failure(*backup_path + ": already exists, and a backup is never overwritten");
      }
      files[*backup_path] = files[path];
      writes.push_back(*backup_path);
    }
    files[path] = std::string(content);
    writes.push_back(path);
    return {};
  }

  util::Result<void> create_directories(const std::string& dir) override
  {
    directories.insert(dir);
    return {};
  }

  util::Result<void> check_directory_writable(const std::string& dir) override
  {
    if (read_only.count(dir) != 0) {
      return util::failure("cannot write in " + dir + ": the directory is read-only");
    }
    return {};
  }

  util::Result<std::unique_ptr<ports::StagedFile>> stage(const std::string& path) override;

private:
  class Staged;
};

class FakeFileSystem::Staged final : public ports::StagedFile {
public:
  Staged(FakeFileSystem& fs, std::string target, std::string path)
    : m_fs(fs), m_target(std::move(target)), m_path(std::move(path))
  {
    m_fs.files[m_path];
  }
  ~Staged() override
  {
    if (!m_committed) {
      m_fs.files.erase(m_path);
      m_fs.modes.erase(m_path);
    }
  }

  const std::string& path() const override { return m_path; }
  std::uint64_t size() const override { return m_fs.files.at(m_path).size(); }
  util::Result<void> append(std::string_view data) override
  {
    m_fs.files.at(m_path).append(data);
    return {};
  }
  util::Result<void> truncate() override
  {
    m_fs.files.at(m_path).clear();
    return {};
  }
  util::Result<void> set_mode(unsigned mode) override
  {
    m_fs.modes[m_path] = mode;
    return {};
  }
  util::Result<void> close() override { return {}; }
  util::Result<void> read(const std::function<void(std::string_view)>& consume) override
  {
    consume(m_fs.files.at(m_path));
    return {};
  }
  util::Result<void> commit(const std::optional<std::string>& backup_path) override
  {
    auto& files = m_fs.files;
    if (backup_path && files.count(m_target) != 0) {
      if (m_fs.kind(*backup_path) != ports::FileKind::missing) {
        return util::failure(*backup_path + ": already exists, and a backup is never overwritten");
      }
      files[*backup_path] = files[m_target];
      m_fs.modes[*backup_path] = m_fs.modes.count(m_target) != 0 ? m_fs.modes[m_target] : 0644;
      m_fs.writes.push_back(*backup_path);
    }
    files[m_target] = files.at(m_path);
    files.erase(m_path);
    m_fs.modes[m_target] = m_fs.modes.count(m_path) != 0 ? m_fs.modes[m_path] : 0600;
    m_fs.modes.erase(m_path);
    m_fs.writes.push_back(m_target);
    m_committed = true;
    return {};
  }

private:
  FakeFileSystem& m_fs;
  std::string m_target;
  std::string m_path;
  bool m_committed = false;
};

inline util::Result<std::unique_ptr<ports::StagedFile>> FakeFileSystem::stage(const std::string& path)
{
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  if (read_only.count(dir) != 0) {
    return util::failure("cannot create a file in " + dir + ": Permission denied");
  }
  staged.push_back(path + ".devk8s-download-" + std::to_string(staged.size() + 1));
  return std::unique_ptr<ports::StagedFile>(std::make_unique<Staged>(*this, path, staged.back()));
}

} // namespace devk8s::test
