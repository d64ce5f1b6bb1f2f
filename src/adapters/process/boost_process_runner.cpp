#include "adapters/process/boost_process_runner.hpp"

#include "util/shell_quote.hpp"

// At -O2 GCC 12 reports a "potential null pointer dereference" inside Boost.Asio's scheduler
// (scheduler.ipp), a false positive in code we do not own; keep -Wnull-dereference for ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/process.hpp>
#pragma GCC diagnostic pop

#include <array>
#include <csignal>
#include <ctime>
#include <pthread.h>
#include <fcntl.h>
#include <mutex>
#include <sys/wait.h>

namespace devk8s::adapters {

namespace bp = boost::process;
namespace asio = boost::asio;

namespace {

// Reads a pipe to EOF without blocking the other one: a child that fills stderr while we
// wait on stdout would otherwise deadlock.
class PipeReader {
public:
  PipeReader(bp::async_pipe& pipe, std::string& sink, const std::function<void(std::string_view)>& callback)
    : m_pipe(pipe), m_sink(sink), m_callback(callback)
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
      }
    });
  }

private:
  bp::async_pipe& m_pipe;
  std::string& m_sink;
  const std::function<void(std::string_view)>& m_callback;
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

} // namespace

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

  // See below: every spawn holds this from creating its pipes until its child exists.
  static std::mutex spawn_mutex;
  std::unique_lock<std::mutex> spawn_lock(spawn_mutex);
  asio::io_context io;
  bp::async_pipe out_pipe(io);
  bp::async_pipe err_pipe(io);
  bp::async_pipe in_pipe(io);
  ports::ProcessResult result;

  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : command.env) {
    // Not env[key]: Boost 1.74's environment::find() compares "KEY=" against every entry without
    // checking its length, reading past shorter ones (ASan: heap-buffer-overflow). The
    // implementation's set() checks lengths.
    env.set(key, value);
  }
  const std::vector<std::string> args(command.argv.begin() + 1, command.argv.end());

  bp::child child;
  try {
    // Boost's pipes are not close-on-exec, so a child started by another thread would inherit
    // this call's pipe ends, and our reader would wait for EOF until that unrelated child exits
    // (the preflight probe runs tools in parallel). Creating them and marking them close-on-exec
    // under one lock shared by every spawn closes the race; the child's own stdio are dup2 copies, which
    // do not carry the flag. (bp::limit_handles would also do it, but in Boost 1.74 it
    // closes the async_pipe ends the child needs.)
    for (auto* pipe : {&out_pipe, &err_pipe, &in_pipe}) {
      ::fcntl(pipe->native_source(), F_SETFD, FD_CLOEXEC);
      ::fcntl(pipe->native_sink(), F_SETFD, FD_CLOEXEC);
    }
    child = bp::child(executable, bp::args(args), env, bp::std_out > out_pipe, bp::std_err > err_pipe,
                      bp::std_in < in_pipe);
  } catch (const bp::process_error& e) {
    return util::failure("cannot run " + util::shell_quote(program) + ": " + e.code().message());
  }
  spawn_lock.unlock();

  PipeReader out_reader(out_pipe, result.out, command.on_stdout);
  PipeReader err_reader(err_pipe, result.err, command.on_stderr);
  out_reader.start();
  err_reader.start();
  if (command.stdin_data.empty()) {
    in_pipe.close();
  } else {
    asio::async_write(in_pipe, asio::buffer(command.stdin_data),
                      [&in_pipe](const boost::system::error_code&, std::size_t) { in_pipe.close(); });
  }

  if (command.timeout) {
    io.run_for(*command.timeout);
  } else {
    io.run();
  }
  if (!io.stopped()) {
    // Work is still pending, so the deadline passed: kill it and stop reading. Grandchildren
    // that inherited the pipes cannot keep us waiting because we close our ends.
    result.timed_out = true;
    std::error_code ignored;
    child.terminate(ignored);
    out_pipe.close();
    err_pipe.close();
    in_pipe.close();
  }

  std::error_code wait_error;
  child.wait(wait_error);
  const int native = child.native_exit_code();
  if (result.timed_out) {
    // After terminate() Boost reports its "still active" sentinel, not the signal.
    result.exit_code = 128 + SIGKILL;
  } else if (WIFSIGNALED(native)) {
    result.exit_code = 128 + WTERMSIG(native);
  } else {
    result.exit_code = child.exit_code();
  }
  return result;
}

} // namespace devk8s::adapters
