// Column-aligned text tables, kubectl style: upper-case headers, three spaces between columns,
// widths in terminal columns (util::utf8: a CJK character takes two). Given a width limit, the
// columns marked wrappable are word-wrapped onto continuation lines to fit it; the others keep
// their width. kubectl itself never wraps, but a finding or an action cut off would hide the fix.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace devk8s::cli {

class Table {
public:
  explicit Table(std::vector<std::string> headers) : m_rows{std::move(headers)} {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  /// Column `index` may be wrapped when the table is wider than the limit given to print().
  void wrappable(std::size_t index);
  /// Prints the table; with `max_width` > 0, wraps the wrappable columns so that each line fits
  /// (when the other columns alone leave too little room, the wrappable ones keep a minimum
  /// of 12 columns and the line is longer).
  void print(std::ostream& out, std::size_t max_width = 0) const;

private:
  std::vector<std::size_t> fitted_widths(std::size_t max_width) const;

  std::vector<std::vector<std::string>> m_rows;
  std::vector<bool> m_wrappable;
};

/// `text` broken into lines of at most `width` terminal columns: at spaces where it can, inside
/// a word (between characters) where a word alone is wider.
std::vector<std::string> wrap_text(const std::string& text, std::size_t width);

} // namespace devk8s::cli
