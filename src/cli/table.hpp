// Column-aligned text tables, kubectl style: upper-case headers, three spaces between columns.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace devk8s::cli {

class Table {
public:
  explicit Table(std::vector<std::string> headers) : m_rows{std::move(headers)} {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  void print(std::ostream& out) const;

private:
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace devk8s::cli
