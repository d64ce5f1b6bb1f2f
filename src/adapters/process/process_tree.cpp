#include "adapters/process/process_tree.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace devk8s::adapters {

namespace {

struct ProcEntry {
  pid_t ppid = 0;
  char state = '?';
};

// Every process's parent and state, from /proc/<pid>/stat: "pid (comm) state ppid ...". comm may
// hold spaces and ')', so parsing starts after the last ')'. Processes that exit mid-scan are skipped.
std::map<pid_t, ProcEntry> scan_proc()
{
  std::map<pid_t, ProcEntry> table;
  std::error_code ec;
  std::filesystem::directory_iterator it("/proc", ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    pid_t pid = 0;
    const auto [end, parse_error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (parse_error != std::errc() || end != name.data() + name.size()) {
      continue;
    }
    std::ifstream stat(it->path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) {
      continue;
    }
    const auto close = line.rfind(')');
    if (close == std::string::npos || close + 4 > line.size()) {
      continue;
    }
    ProcEntry entry;
    entry.state = line[close + 2];
    const char* first = line.data() + close + 4;
    std::from_chars(first, line.data() + line.size(), entry.ppid);
    table.emplace(pid, entry);
  }
  return table;
}

std::vector<pid_t> descendants(pid_t root, const std::map<pid_t, ProcEntry>& table)
{
  std::multimap<pid_t, pid_t> children;
  for (const auto& [pid, entry] : table) {
    children.emplace(entry.ppid, pid);
  }
  std::vector<pid_t> found;
  std::vector<pid_t> pending{root};
  while (!pending.empty()) {
    const pid_t parent = pending.back();
    pending.pop_back();
    const auto [begin, end] = children.equal_range(parent);
    for (auto it = begin; it != end; ++it) {
      found.push_back(it->second);
      pending.push_back(it->second);
    }
  }
  return found;
}

} // namespace

void kill_process_tree(pid_t root)
{
  // Stopping before killing: a killed parent's children are reparented at once, after which
  // nothing in /proc links them to `root` any more. SIGSTOP is delivered asynchronously, so a
  // process mid-fork may still add a child; hence the walk repeats until every process found is
  // stopped ('T') or gone. The bound (~1 s) only covers processes stuck in the kernel ('D').
  std::set<pid_t> signalled;
  std::set<pid_t> unsignalable;
  const auto stop = [&](pid_t pid) {
    if (signalled.insert(pid).second && ::kill(pid, SIGSTOP) != 0) {
      unsignalable.insert(pid);
    }
  };
  stop(root);
  for (int pass = 0; pass < 500; ++pass) {
    const auto table = scan_proc();
    bool settled = true;
    for (const pid_t pid : descendants(root, table)) {
      if (signalled.count(pid) == 0) {
        stop(pid);
        settled = false;
      }
    }
    for (const pid_t pid : signalled) {
      const auto entry = table.find(pid);
      const bool gone = entry == table.end() || entry->second.state == 'Z' || entry->second.state == 'X';
      if (!gone && entry->second.state != 'T' && entry->second.state != 't' &&
          unsignalable.count(pid) == 0) {
        settled = false;
      }
    }
    if (settled) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  for (const pid_t pid : signalled) {
    ::kill(pid, SIGKILL);
  }
}

} // namespace devk8s::adapters
