// The file half of the Linux host probe: /proc, /sys and statvfs, every path under a root
// prefix ("/" on a real run, a fixture tree in tests). Whatever cannot be read becomes an
// unknown Fact with the path and errno text.
#pragma once

#include "core/preflight/host_facts.hpp"

#include <string>

namespace devk8s::adapters::host {

/// Fills cpu, memory, cgroup, kernel and uid of `facts` from the files under `root`.
void read_host_files(const std::string& root, core::preflight::HostFacts& facts);

/// Free bytes of `path` (under `root`), or of its nearest existing parent, with statvfs.
core::preflight::DiskFacts disk_free(const std::string& root, const std::string& path);

} // namespace devk8s::adapters::host
