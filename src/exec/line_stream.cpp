#include "exec/line_stream.hpp"

namespace devk8s::exec {

void LineStream::end_line()
{
  m_line(m_partial);
  m_partial.clear();
}

void LineStream::feed(std::string_view chunk)
{
  for (const char c : chunk) {
    if (m_pending_cr) {
      m_pending_cr = false;
      if (c == '\n') {
        end_line();
        continue;
      }
      // A redraw: what was there is replaced by what follows.
      if (!m_partial.empty()) {
        m_progress(m_partial);
      }
      m_partial.clear();
    }
    if (c == '\r') {
      m_pending_cr = true;
    } else if (c == '\n') {
      end_line();
    } else {
      m_partial += c;
    }
  }
}

void LineStream::finish()
{
  m_pending_cr = false;
  if (!m_partial.empty()) {
    end_line();
  }
}

} // namespace devk8s::exec
