// The reporter a command gets unless it prints nothing but JSON: lines on stderr, prefixed
// "devk8s: " as every message of the tool is, child output indented under them, and a status
// line that a terminal redraws in place.
#pragma once

#include "ports/reporter.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>

namespace devk8s::cli {

class TextReporter final : public ports::Reporter {
public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `tty`: `err` is a terminal (statuses are redrawn in place, cut to `columns` so that a long
  /// one never wraps: "\r" and erase-line reach only the last row); `verbose`: show detail().
  TextReporter(std::ostream& err, bool tty, bool verbose, Clock clock = std::chrono::steady_clock::now,
               std::size_t columns = 80);
  ~TextReporter() override;
  TextReporter(const TextReporter&) = delete;
  TextReporter& operator=(const TextReporter&) = delete;

  void info(std::string_view line) override;
  void warning(std::string_view line) override;
  void detail(std::string_view line) override;
  void output(std::string_view source, std::string_view line) override;
  void status(std::string_view text) override;

  /// How often a pipe sees a changed status: CI logs get a heartbeat, not a line per poll.
  static constexpr std::chrono::seconds k_pipe_status_interval{10};

private:
  void clear_status();
  void line(std::string_view text);

  std::ostream& m_err;
  bool m_tty;
  bool m_verbose;
  Clock m_clock;
  std::size_t m_columns;
  bool m_status_shown = false; ///< a terminal status is on screen and must be cleared first
  std::string m_last_status;
  std::chrono::steady_clock::time_point m_last_status_at{};
};

} // namespace devk8s::cli
