#include "exec/download_file.hpp"

namespace devk8s::exec {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int signal)
{
  g_interrupted = signal;
}

} // namespace

InterruptGuard::InterruptGuard()
{
  g_interrupted = 0;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &m_old_int);
  ::sigaction(SIGTERM, &action, &m_old_term);
}

InterruptGuard::~InterruptGuard()
{
  ::sigaction(SIGINT, &m_old_int, nullptr);
  ::sigaction(SIGTERM, &m_old_term, nullptr);
  if (g_interrupted != 0) {
    ::raise(g_interrupted);
  }
}

bool interrupted()
{
  return g_interrupted != 0;
}

} // namespace devk8s::exec
