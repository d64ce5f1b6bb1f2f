// TextReporter: what a user sees on stderr, on a terminal and in a CI log.
#include "cli/text_reporter.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using devk8s::cli::TextReporter;
using namespace std::chrono_literals;

TEST_CASE("TextReporter: lines are prefixed, child output indented under its source, detail only when verbose", "[cli]")
{
  std::ostringstream err;
  {
    TextReporter quiet(err, false, false);
    quiet.info("rewrote a.yaml");
    quiet.warning("digest differs");
    quiet.detail("tried 3 hosts");
    quiet.output("minikube", "* Starting control plane node");
  }
  CHECK(err.str() == "devk8s: rewrote a.yaml\n"
                     "devk8s: warning: digest differs\n"
                     "    minikube | * Starting control plane node\n");
  std::ostringstream verbose_err;
  TextReporter verbose(verbose_err, false, true);
  verbose.detail("tried 3 hosts");
  CHECK(verbose_err.str() == "devk8s: tried 3 hosts\n");
}

TEST_CASE("TextReporter: a terminal's status is redrawn in place and kept below new lines", "[cli]")
{
  std::ostringstream err;
  {
    TextReporter tty(err, true, false);
    tty.status("waiting: 2 pods");
    tty.status("waiting: 1 pod");
    tty.info("pod a Ready");
  }
  CHECK(err.str() == "waiting: 2 pods"
                     "\r\x1b[Kwaiting: 1 pod"
                     "\r\x1b[Kdevk8s: pod a Ready\nwaiting: 1 pod"
                     "\r\x1b[K");
}

TEST_CASE("TextReporter: a pipe sees a changed status at most once per interval", "[cli]")
{
  std::ostringstream err;
  auto now = std::chrono::steady_clock::time_point{} + 100s;
  TextReporter pipe(err, false, false, [&] { return now; });
  pipe.status("waiting: 3 pods");
  pipe.status("waiting: 3 pods");
  now += 1s;
  pipe.status("waiting: 2 pods"); // too soon: dropped
  now += TextReporter::k_pipe_status_interval;
  pipe.status("waiting: 1 pod");
  pipe.status("");
  pipe.status("waiting: 1 pod"); // after a clear, the same status is news again
  CHECK(err.str() == "devk8s: waiting: 3 pods\n"
                     "devk8s: waiting: 1 pod\n"
                     "devk8s: waiting: 1 pod\n");
}

TEST_CASE("TextReporter: a terminal's status is cut to its width, so a redraw never leaves a wrapped row", "[cli]")
{
  std::ostringstream err;
  TextReporter tty(err, true, false, std::chrono::steady_clock::now, 20);
  tty.status("waiting for 3 pods: coredns-74ff55c5b-x, storage-provisioner");
  CHECK(err.str() == "waiting for 3 pods…"); // 19 columns of 20
  err.str("");
  tty.status("short");
  CHECK(err.str() == "\r\x1b[Kshort");
}
