#include "util/cancel.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <thread>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace devk8s::util {

CancelToken::CancelToken() : m_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CancelToken::~CancelToken()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

void CancelToken::cancel(int signal) noexcept
{
  int expected = k_not_cancelled;
  if (!m_state.compare_exchange_strong(expected, signal)) {
    return;
  }
  if (m_fd >= 0) {
    // Only write(2) here: this runs inside a signal handler. The counter is never read back
    // (except by reset), so the descriptor stays readable for every poller.
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_fd, &one, sizeof one);
  }
}

int CancelToken::signal() const noexcept
{
  const int state = m_state.load();
  return state == k_not_cancelled ? 0 : state;
}

bool CancelToken::sleep_for(std::chrono::milliseconds duration) const
{
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!cancelled()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      break;
    }
    if (m_fd < 0) {
      std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(50)));
      continue;
    }
    pollfd watch{m_fd, POLLIN, 0};
    // An EINTR (another signal) just goes round again with what is left.
    ::poll(&watch, 1, static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 60000)));
  }
  return cancelled();
}

void CancelToken::reset() noexcept
{
  if (m_fd >= 0) {
    std::uint64_t count = 0;
    [[maybe_unused]] const auto read = ::read(m_fd, &count, sizeof count);
  }
  m_state.store(k_not_cancelled);
}

CancelToken& process_cancel_token()
{
  static CancelToken token;
  return token;
}

namespace {

// Set before the handlers are installed, so the handler never runs a static's initialisation.
CancelToken* g_signal_token = nullptr;

extern "C" void on_cancel_signal(int signal)
{
  const int saved_errno = errno;
  if (g_signal_token->cancelled()) {
    // The second Ctrl-C: the user does not want to wait for the cleanup.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
  g_signal_token->cancel(signal);
  errno = saved_errno;
}

} // namespace

void install_cancel_signals()
{
  g_signal_token = &process_cancel_token();
  struct sigaction action {};
  action.sa_handler = on_cancel_signal;
  sigemptyset(&action.sa_mask);
  // Restarted: code that does not watch the token (a blocking read) goes on as before and
  // notices at its next check, rather than failing with EINTR.
  action.sa_flags = SA_RESTART;
  for (const int signal : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    ::sigaction(signal, nullptr, &old);
    if (signal == SIGINT && old.sa_handler == SIG_IGN) {
      continue;
    }
    ::sigaction(signal, &action, nullptr);
  }
}

void reraise_cancel_signal()
{
  const int signal = process_cancel_token().signal();
  if (signal == 0) {
    return;
  }
  std::fflush(nullptr); // dying by a signal does not flush stdio
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

} // namespace devk8s::util
