// Kills a process together with everything it started, for the process runner's timeout.
// Linux only (it reads /proc); not a general process-management API.
#pragma once

#include <sys/types.h>

namespace devk8s::adapters {

/// Sends SIGKILL to `root` and to every process descended from it. The tree is frozen first
/// (SIGSTOP, walking /proc until no new descendant appears and all are stopped), so a process
/// cannot fork a new one between the walk and the kill. Does not reap `root`: that stays with
/// its owner. Misses what already left the tree (a daemon that double-forked is reparented)
/// and processes we may not signal (setuid ones such as sudo).
void kill_process_tree(pid_t root);

} // namespace devk8s::adapters
