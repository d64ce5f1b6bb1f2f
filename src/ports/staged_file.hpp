// A new file written in pieces beside its target, visible under the target's name only once
// committed. Made by FileSystem::stage (ports/file_system.hpp); `devk8s install` downloads into
// one. Not a general file handle: there is no seeking and no reading before close().
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace devk8s::ports {

class StagedFile {
public:
  /// Removes the temp file unless commit() succeeded: a failed or interrupted download leaves
  /// nothing behind.
  virtual ~StagedFile() = default;

  /// The temp file's own path, in the target's directory. The installer runs the new binary from
  /// here before it replaces anything.
  virtual const std::string& path() const = 0;

  /// Bytes written so far: where a resumed download asks the server to start.
  virtual std::uint64_t size() const = 0;

  virtual util::Result<void> append(std::string_view data) = 0;

  /// Empties the file, for a server that ignored Range or no longer has what the partial file
  /// holds (416).
  virtual util::Result<void> truncate() = 0;

  /// Permission bits (07777) the file will have under the target's name. Before close().
  virtual util::Result<void> set_mode(unsigned mode) = 0;

  /// Syncs the content to disk and closes the file for writing: a file still open for writing
  /// cannot be run (ETXTBSY), and a rename after a crash must not expose an empty file.
  virtual util::Result<void> close() = 0;

  /// After close(): the content as it is on disk, in chunks, so a checksum covers what will be
  /// installed rather than what arrived, without holding a 100 MB binary in memory.
  virtual util::Result<void> read(const std::function<void(std::string_view)>& consume) = 0;

  /// Closes the file if still open; with `backup_path`, keeps the current target there (when
  /// there is one; an existing `backup_path` is never replaced: an error), then renames the temp
  /// file over the target in one step.
  virtual util::Result<void> commit(const std::optional<std::string>& backup_path) = 0;
};

} // namespace devk8s::ports
