#include "cli/text_reporter.hpp"

#include "util/utf8.hpp"

#include <ostream>
#include <string>

namespace devk8s::cli {

namespace {

// The longest prefix of `text` that fits in `columns` - 1 terminal columns (the last column
// would wrap on some terminals), ending in "…" when something was cut.
std::string fit(std::string_view text, std::size_t columns)
{
  if (columns < 2 || util::utf8::display_width(text) < columns) {
    return std::string(text);
  }
  const std::size_t room = columns - 2; // and one for the "…"
  std::size_t used = 0;
  std::size_t taken = 0;
  while (taken < text.size()) {
    const auto c = util::utf8::decode(text.substr(taken));
    const auto w = static_cast<std::size_t>(util::utf8::column_width(c.value));
    if (used + w > room) {
      break;
    }
    used += w;
    taken += c.length;
  }
  return std::string(text.substr(0, taken)) + "…";
}

} // namespace

TextReporter::TextReporter(std::ostream& err, bool tty, bool verbose, Clock clock, std::size_t columns)
  : m_err(err), m_tty(tty), m_verbose(verbose), m_clock(std::move(clock)), m_columns(columns == 0 ? 80 : columns)
{
}

TextReporter::~TextReporter()
{
  clear_status();
}

void TextReporter::clear_status()
{
  if (m_status_shown) {
    // \r and "erase to end of line" (ECMA-48 EL): the status goes, the cursor stays on its line.
    m_err << "\r\x1b[K" << std::flush;
    m_status_shown = false;
  }
}

void TextReporter::line(std::string_view text)
{
  clear_status();
  m_err << text << '\n';
  if (m_tty && !m_last_status.empty()) {
    // The status stays visible below the log, as minikube's spinner does.
    m_err << m_last_status << std::flush;
    m_status_shown = true;
  }
}

void TextReporter::info(std::string_view text)
{
  line("devk8s: " + std::string(text));
}

void TextReporter::warning(std::string_view text)
{
  line("devk8s: warning: " + std::string(text));
}

void TextReporter::detail(std::string_view text)
{
  if (m_verbose) {
    line("devk8s: " + std::string(text));
  }
}

void TextReporter::output(std::string_view source, std::string_view text)
{
  line("    " + std::string(source) + " | " + std::string(text));
}

void TextReporter::status(std::string_view text)
{
  if (m_tty) {
    clear_status();
    m_last_status = fit(text, m_columns);
    if (!m_last_status.empty()) {
      m_err << m_last_status << std::flush;
      m_status_shown = true;
    }
    return;
  }
  // A pipe gets a line only when the status changed and not more often than the interval.
  const auto now = m_clock();
  if (text.empty() || text == m_last_status ||
      (!m_last_status.empty() && now - m_last_status_at < k_pipe_status_interval)) {
    if (text.empty()) {
      m_last_status.clear();
    }
    return;
  }
  m_last_status = text;
  m_last_status_at = now;
  m_err << "devk8s: " << text << '\n';
}

} // namespace devk8s::cli
