#include "cli/table.hpp"

#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>

namespace devk8s::cli {

namespace {

constexpr std::size_t k_gap = 3;
constexpr std::size_t k_min_wrapped = 12;

using util::utf8::display_width;

// Appends the longest prefix of `word` that fits in `room` columns (at least one character, so a
// column narrower than a wide character still advances) and returns what is left of it. Inside
// the prefix it prefers to end after a '/', '=', ',' or '.', so that a long image reference or
// flag breaks between its parts.
std::string_view take_columns(std::string_view word, std::size_t room, std::string& line)
{
  std::size_t used = 0;
  std::size_t taken = 0;
  std::size_t after_separator = 0;
  while (taken < word.size()) {
    const auto c = util::utf8::decode(word.substr(taken));
    const auto w = static_cast<std::size_t>(util::utf8::column_width(c.value));
    if (used + w > room && taken > 0) {
      break;
    }
    used += w;
    taken += c.length;
    if (c.value == '/' || c.value == '=' || c.value == ',' || c.value == '.') {
      after_separator = taken;
    }
  }
  if (taken < word.size() && after_separator > 0) {
    taken = after_separator;
  }
  line += word.substr(0, taken);
  return word.substr(taken);
}

std::vector<std::string_view> words_of(std::string_view text)
{
  std::vector<std::string_view> words;
  for (const auto word : util::split(text, ' ')) {
    if (!word.empty()) {
      words.push_back(word);
    }
  }
  return words;
}

} // namespace

std::vector<std::string> wrap_text(const std::string& text, std::size_t width)
{
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  for (std::string_view word : words_of(text)) {
    const std::size_t w = display_width(word);
    if (!line.empty() && line_width + 1 + w <= width) {
      line += ' ';
      line += word;
      line_width += 1 + w;
      continue;
    }
    if (!line.empty()) {
      lines.push_back(std::move(line));
      line.clear();
    }
    while (display_width(word) > width) {
      std::string piece;
      word = take_columns(word, width, piece);
      lines.push_back(std::move(piece));
    }
    line = std::string(word);
    line_width = display_width(word);
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

void Table::wrappable(std::size_t index)
{
  m_wrappable.resize(std::max(m_wrappable.size(), index + 1), false);
  m_wrappable[index] = true;
}

std::vector<std::size_t> Table::fitted_widths(std::size_t max_width) const
{
  std::vector<std::size_t> widths;
  for (const auto& row : m_rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  const std::size_t total =
      std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + k_gap * (widths.empty() ? 0 : widths.size() - 1);
  if (max_width == 0 || total <= max_width) {
    return widths;
  }
  std::vector<std::size_t> flexible;
  std::size_t fixed = k_gap * (widths.size() - 1);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i < m_wrappable.size() && m_wrappable[i]) {
      flexible.push_back(i);
    } else {
      fixed += widths[i];
    }
  }
  // Water-filling: a narrow wrappable column keeps its width, the wide ones share what is left
  // equally, so the longest text wraps first.
  std::sort(flexible.begin(), flexible.end(), [&](std::size_t a, std::size_t b) { return widths[a] < widths[b]; });
  std::size_t budget = max_width > fixed ? max_width - fixed : 0;
  for (std::size_t k = 0; k < flexible.size(); ++k) {
    const std::size_t left = flexible.size() - k;
    const std::size_t share = std::max(k_min_wrapped, budget / left);
    const std::size_t i = flexible[k];
    widths[i] = std::min(widths[i], share);
    budget = budget > widths[i] ? budget - widths[i] : 0;
  }
  return widths;
}

void Table::print(std::ostream& out, std::size_t max_width) const
{
  const auto widths = fitted_widths(max_width);
  for (const auto& row : m_rows) {
    std::vector<std::vector<std::string>> cells;
    std::size_t height = 1;
    for (std::size_t i = 0; i < row.size(); ++i) {
      cells.push_back(display_width(row[i]) > widths[i] ? wrap_text(row[i], widths[i]) : std::vector{row[i]});
      height = std::max(height, cells.back().size());
    }
    for (std::size_t n = 0; n < height; ++n) {
      std::string line;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& text = n < cells[i].size() ? cells[i][n] : std::string();
        line += text;
        if (i + 1 < cells.size()) {
          line.append(widths[i] - std::min(widths[i], display_width(text)) + k_gap, ' ');
        }
      }
      if (n > 0) {
        line.erase(line.find_last_not_of(' ') + 1); // a continuation line ends with its text
      }
      out << line << '\n';
    }
  }
}

} // namespace devk8s::cli
