// Turns the chunks a child process writes into lines for the reporter: a line is shown once its
// newline arrives (a line split across reads is joined first), and the text a program redraws
// with a bare carriage return (minikube's download bars) is a progress update, not a line.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace devk8s::exec {

class LineStream {
public:
  using Emit = std::function<void(std::string_view)>;

  /// `line` gets each complete line without its "\n" or "\r\n"; `progress` gets the text before
  /// each bare "\r", which the next one replaces.
  LineStream(Emit line, Emit progress) : m_line(std::move(line)), m_progress(std::move(progress)) {}

  void feed(std::string_view chunk);
  /// The end of the output: a last line without a newline is still a line.
  void finish();

private:
  void end_line();

  Emit m_line;
  Emit m_progress;
  std::string m_partial;
  bool m_pending_cr = false; ///< a "\r" ended the last chunk: "\r\n" or a redraw, the next chunk says which
};

} // namespace devk8s::exec
