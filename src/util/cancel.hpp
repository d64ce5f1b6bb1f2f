// Cancellation: a token that SIGINT/SIGTERM (or a test) sets once, and that everything that waits
// checks: the process runner while a child runs, the HTTP client's transfer loop, the executor
// between steps and inside a wait. Not a general signal API: only these two signals, only once.
#pragma once

#include <atomic>
#include <chrono>

namespace devk8s::util {

/// Set once, never unset (except by reset(), for tests). cancel() is async-signal-safe: an
/// atomic store and a write(2) to an eventfd, which then stays readable, so a poller can wait on
/// fd() together with its own descriptors and wake at once.
class CancelToken {
public:
  CancelToken();
  ~CancelToken();
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  /// Marks the token cancelled; `signal` is the signal that asked for it (0 for none).
  void cancel(int signal = 0) noexcept;
  bool cancelled() const noexcept { return m_state.load() != k_not_cancelled; }
  /// The signal that cancelled it, 0 when cancel() was called without one or not at all.
  int signal() const noexcept;
  /// Readable (POLLIN) once cancelled; -1 if no eventfd could be made (then only cancelled() works).
  int fd() const noexcept { return m_fd; }
  /// Sleeps up to `duration`, waking as soon as the token is cancelled; returns cancelled().
  bool sleep_for(std::chrono::milliseconds duration) const;
  /// Not cancelled again: for tests that reuse a token.
  void reset() noexcept;

private:
  static constexpr int k_not_cancelled = -1;
  std::atomic<int> m_state{k_not_cancelled};
  int m_fd = -1;
  static_assert(std::atomic<int>::is_always_lock_free, "cancel() runs in a signal handler");
};

/// The one token of the process, which the signal handlers set.
CancelToken& process_cancel_token();

/// Makes SIGINT and SIGTERM cancel process_cancel_token() instead of killing devk8s, so that it
/// stops at a step boundary, stops its child and removes partial files. A second signal kills
/// devk8s at once, as the signal would have without the handler (an escape from a cleanup that
/// hangs). SIGINT that was ignored when devk8s started (a background job of a script) stays
/// ignored. Call once, from main.
void install_cancel_signals();

/// After an interrupted run has reported: ends the process by the signal that interrupted it,
/// with the default action, so the parent sees it (a shell prints 130 for SIGINT and stops a
/// loop). Returns only if no signal cancelled the token.
void reraise_cancel_signal();

} // namespace devk8s::util
