#include "adapters/process/boost_process_runner.hpp"

#include "adapters/process/process_tree.hpp"
#include "util/error.hpp"
#include "util/shell_quote.hpp"

// At -O2 GCC 12 reports a "potential null pointer dereference" inside Boost.Asio's scheduler
// (scheduler.ipp), a false positive in code we do not own; keep -Wnull-dereference for ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/process.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <ctime>
#include <pthread.h>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <sys/wait.h>
#include <system_error>
#include <thread>

namespace devk8s::adapters {

namespace bp = boost::process;
namespace asio = boost::asio;

namespace {

// Reads a pipe to EOF without blocking the other one: a child that fills stderr while we
// wait on stdout would otherwise deadlock.
class PipeReader {
public:
  PipeReader(bp::async_pipe& pipe, std::string& sink, const std::function<void(std::string_view)>& callback,
             std::function<void()> on_end)
    : m_pipe(pipe), m_sink(sink), m_callback(callback), m_on_end(std::move(on_end))
  {
  }

  void start()
  {
    m_pipe.async_read_some(asio::buffer(m_buffer), [this](const boost::system::error_code& ec, std::size_t n) {
      if (n > 0) {
        const std::string_view chunk(m_buffer.data(), n);
        m_sink.append(chunk);
        if (m_callback) {
          m_callback(chunk);
        }
      }
      if (!ec) {
        start();
      } else {
        m_on_end();
      }
    });
  }

private:
  bp::async_pipe& m_pipe;
  std::string& m_sink;
  const std::function<void(std::string_view)>& m_callback;
  std::function<void()> m_on_end;
  std::array<char, 16384> m_buffer{};
};

} // namespace

namespace {

// A child that exits without reading its stdin makes our write() raise SIGPIPE, which would
// kill devk8s (or a test binary) outright. SIGPIPE from write() goes to the writing thread, so
// blocking it on this thread for the run, then discarding any pending one, keeps it local:
// the write just fails with EPIPE. The process-wide disposition is left alone.
class SigpipeBlock {
public:
  SigpipeBlock()
  {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &m_old);
    m_was_blocked = sigismember(&m_old, SIGPIPE) == 1;
  }
  ~SigpipeBlock()
  {
    if (m_was_blocked) {
      return;
    }
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    const timespec no_wait{0, 0};
    while (sigtimedwait(&pipe_only, nullptr, &no_wait) == SIGPIPE) {
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

private:
  sigset_t m_old{};
  bool m_was_blocked = false;
};

using Clock = std::chrono::steady_clock;

// Waits for the child to exit (and reaps it) until `deadline`, or until `cancel` is set; false
// if it is still running. Polls instead of bp::child::wait_until: in Boost 1.74 that swaps the
// process-wide SIGCHLD handler and waits with sigtimedwait, which is not safe while other
// threads run children (the preflight probe runs tools in parallel) and can swallow their SIGCHLD.
bool wait_until(bp::child& child, Clock::time_point deadline, const util::CancelToken* cancel = nullptr)
{
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    std::error_code ec;
    if (!child.running(ec)) {
      return true;
    }
    const auto now = Clock::now();
    if (now >= deadline || (cancel != nullptr && cancel->cancelled())) {
      return false;
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

// How long a SIGKILLed child gets to die before we stop waiting for it. SIGKILL only fails to
// work on a process we may not signal (setuid) or one stuck in the kernel; devk8s must not hang
// on either, so it then leaves the child unreaped rather than blocking.
constexpr auto k_kill_grace = std::chrono::seconds(5);

// A cancelled run, once the child has had `grace` since its SIGINT: whatever still runs of it is
// killed with everything it started, and our pipe ends close so grandchildren holding them
// cannot keep us reading.
void finish_stop(bp::child& child, Clock::time_point grace_end, bp::async_pipe& out, bp::async_pipe& err,
                 bp::async_pipe& in)
{
  if (!wait_until(child, grace_end)) {
    kill_process_tree(child.id());
  }
  out.close();
  err.close();
  in.close();
  wait_until(child, Clock::now() + k_kill_grace);
}

} // namespace

BoostProcessRunner::BoostProcessRunner(const util::CancelToken& cancel, std::chrono::milliseconds grace)
  : m_cancel(cancel), m_grace(grace)
{
}

util::Result<ports::ProcessResult> BoostProcessRunner::run(const ports::Command& command)
{
  const SigpipeBlock sigpipe_block;
  if (command.argv.empty()) {
    return util::failure("cannot run a command: empty argv");
  }
  const std::string& program = command.argv.front();
  boost::filesystem::path executable;
  if (program.find('/') != std::string::npos) {
    executable = program;
  } else {
    executable = bp::search_path(program);
  }
  if (executable.empty() || !boost::filesystem::exists(executable)) {
    return util::failure("cannot run " + util::shell_quote(program) + ": executable file not found in $PATH",
                         "install " + program + " or put it on PATH");
  }
  if (m_cancel.cancelled()) {
    return util::interrupted(util::shell_quote(program) + " was not started");
  }

  // See below: every spawn holds this from creating its pipes until its child exists.
  static std::mutex spawn_mutex;
  std::unique_lock<std::mutex> spawn_lock(spawn_mutex);
  asio::io_context io;
  // Optional only so that constructing them (pipe(2), which fails with EMFILE when we are out
  // of descriptors) happens inside the try below and becomes a "cannot run" error.
  std::optional<bp::async_pipe> out_pipe;
  std::optional<bp::async_pipe> err_pipe;
  std::optional<bp::async_pipe> in_pipe;
  ports::ProcessResult result;

  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : command.env) {
    // Not env[key]: Boost 1.74's environment::find() compares "KEY=" against every entry without
    // checking its length, reading past shorter ones (ASan: heap-buffer-overflow). The
    // implementation's set() checks lengths.
    env.set(key, value);
  }
  const std::vector<std::string> args(command.argv.begin() + 1, command.argv.end());

  // The child stays in devk8s's process group on purpose (no setpgid): Ctrl-C at the terminal
  // then reaches minikube and kubectl as it always did, and a tool that prompts on /dev/tty (sudo,
  // which minikube runs) is not stopped with SIGTTIN as a background group would be. A timeout
  // kills the child's whole process tree instead (kill_process_tree), so a wrapper script's
  // `sleep` grandchild dies with it.
  bp::child child;
  try {
    out_pipe.emplace(io);
    err_pipe.emplace(io);
    in_pipe.emplace(io);
    // Boost's pipes are not close-on-exec, so a child started by another thread would inherit
    // this call's pipe ends, and our reader would wait for EOF until that unrelated child exits
    // (the preflight probe runs tools in parallel). Creating them and marking them close-on-exec
    // under one lock shared by every spawn closes the race; the child's own stdio are dup2 copies, which
    // do not carry the flag. (bp::limit_handles would also do it, but in Boost 1.74 it
    // closes the async_pipe ends the child needs.)
    for (auto* pipe : {&*out_pipe, &*err_pipe, &*in_pipe}) {
      ::fcntl(pipe->native_source(), F_SETFD, FD_CLOEXEC);
      ::fcntl(pipe->native_sink(), F_SETFD, FD_CLOEXEC);
    }
    child = bp::child(executable, bp::args(args), env, bp::std_out > *out_pipe, bp::std_err > *err_pipe,
                      bp::std_in < *in_pipe);
  } catch (const std::system_error& e) {  // bp::process_error, from pipe(2) or fork(2)
    return util::failure("cannot run " + util::shell_quote(program) + ": " + e.code().message());
  } catch (const boost::system::system_error& e) {  // Asio's reactor, created with the first pipe
    return util::failure("cannot run " + util::shell_quote(program) + ": " + e.code().message());
  }
  spawn_lock.unlock();

  // Cancellation: the token's eventfd wakes the loop, the child gets SIGINT at once (minikube
  // then removes what it half made), and the grace timer kills what is left. Both watchers end
  // when the pipes do, so a child that exits normally is not waited on for them.
  bool cancelled = false;
  Clock::time_point grace_end{};
  asio::steady_timer grace_timer(io);
  std::optional<asio::posix::stream_descriptor> cancel_watch;
  int open_pipes = 2;
  const auto pipe_ended = [&] {
    if (--open_pipes == 0) {
      if (cancel_watch) {
        cancel_watch->cancel();
      }
      grace_timer.cancel();
    }
  };
  PipeReader out_reader(*out_pipe, result.out, command.on_stdout, pipe_ended);
  PipeReader err_reader(*err_pipe, result.err, command.on_stderr, pipe_ended);
  out_reader.start();
  err_reader.start();
  if (command.stdin_data.empty()) {
    in_pipe->close();
  } else {
    asio::async_write(*in_pipe, asio::buffer(command.stdin_data),
                      [&in_pipe](const boost::system::error_code&, std::size_t) { in_pipe->close(); });
  }
  if (const int fd = m_cancel.fd() >= 0 ? ::fcntl(m_cancel.fd(), F_DUPFD_CLOEXEC, 0) : -1; fd >= 0) {
    cancel_watch.emplace(io, fd);
    cancel_watch->async_wait(asio::posix::stream_descriptor::wait_read, [&](const boost::system::error_code& ec) {
      if (ec) {
        return;
      }
      cancelled = true;
      ::kill(child.id(), SIGINT);
      grace_end = Clock::now() + m_grace;
      grace_timer.expires_at(grace_end);
      grace_timer.async_wait([&](const boost::system::error_code& timer_ec) {
        if (!timer_ec) {
          kill_process_tree(child.id());
          out_pipe->close();
          err_pipe->close();
          in_pipe->close();
        }
      });
    });
  }

  std::optional<Clock::time_point> deadline;
  if (command.timeout) {
    deadline = Clock::now() + *command.timeout;
    io.run_until(*deadline);
  } else {
    io.run();
  }
  if (!cancelled && io.stopped()) {
    // The pipes are at EOF, which does not mean the child has exited: a wrapper that redirected
    // its output (exec >/dev/null) or a daemonising tool runs on, so the rest of the same
    // deadline bounds the wait for it too, and a cancellation still stops it.
    const bool exited = wait_until(child, deadline.value_or(Clock::time_point::max()), &m_cancel);
    if (!exited && m_cancel.cancelled()) {
      cancelled = true;
      ::kill(child.id(), SIGINT);
      grace_end = Clock::now() + m_grace;
    } else {
      result.timed_out = !exited;
    }
  } else if (!cancelled) {
    result.timed_out = true; // the deadline passed with the pipes open
  }
  if (cancelled) {
    result.cancelled = true;
    finish_stop(child, grace_end, *out_pipe, *err_pipe, *in_pipe);
  } else if (result.timed_out) {
    // Kill it with everything it started, then stop reading: grandchildren that inherited the
    // pipes but escaped the kill cannot keep us waiting once our ends are closed.
    kill_process_tree(child.id());
    out_pipe->close();
    err_pipe->close();
    in_pipe->close();
    wait_until(child, Clock::now() + k_kill_grace);
  } else {
    std::error_code wait_error;
    child.wait(wait_error);
  }

  const int native = child.native_exit_code();
  std::error_code running_error;
  if (result.cancelled && child.running(running_error)) {
    result.exit_code = 128 + SIGKILL; // not reaped: Boost still shows its "still active" sentinel
  } else if (result.timed_out) {
    // Killed because of the deadline, even if it happened to exit on its own meanwhile; and
    // a child we could not reap still shows Boost's "still active" sentinel.
    result.exit_code = 128 + SIGKILL;
  } else if (WIFSIGNALED(native)) {
    result.exit_code = 128 + WTERMSIG(native);
  } else {
    result.exit_code = child.exit_code();
  }
  return result;
}

} // namespace devk8s::adapters
