#include "core/minikube/addon_images_table.hpp"

#include "util/strings.hpp"

namespace devk8s::core::minikube {

namespace {

// tablewriter v1.1.x (minikube v1.38.1) draws with StyleLight box characters (tw/symbols.go);
// v0.0.x with ASCII. Both become ASCII here: '│' a cell border, the rest a rule's.
std::string ascii_borders(std::string_view line)
{
  static constexpr std::string_view k_rule_chars[] = {"─", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"};
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line.substr(i, 3) == "│") {
      out += '|';
      i += 3;
      continue;
    }
    bool rule = false;
    for (const auto box : k_rule_chars) {
      if (line.substr(i, box.size()) == box) {
        out += '-';
        i += box.size();
        rule = true;
        break;
      }
    }
    if (!rule) {
      out += line[i++];
    }
  }
  return out;
}

bool is_rule(std::string_view line)
{
  return line.find_first_not_of("|-+ ") == std::string_view::npos;
}

std::vector<std::string> cells(std::string_view line)
{
  // Between the outer borders: "| a | b | c |" → a, b, c.
  line.remove_prefix(1);
  if (!line.empty() && line.back() == '|') {
    line.remove_suffix(1);
  }
  std::vector<std::string> out;
  for (auto cell : util::split(line, '|')) {
    out.emplace_back(util::trim(cell));
  }
  return out;
}

} // namespace

util::Result<std::vector<AddonImageRow>> parse_addon_images_table(std::string_view text)
{
  const std::string what = "minikube addons images";
  std::vector<AddonImageRow> rows;
  bool header = false;
  for (auto raw : util::split(text, '\n')) {
    const std::string ascii = ascii_borders(raw);
    const auto line = util::trim(ascii);
    if (line.find("doesn't have images") != std::string_view::npos) {
      return rows;
    }
    if (line.find("No such addon") != std::string_view::npos) {
      return util::failure(what + ": " + util::quoted(line), "minikube addons list shows the addon names");
    }
    if (line.empty() || line.front() != '|' || is_rule(line)) {
      continue;
    }
    auto row = cells(line);
    if (row.size() != 3) {
      return util::failure(what + ": a table row has " + std::to_string(row.size()) + " cells, not 3: " +
                           util::quoted(line));
    }
    if (!header) {
      if (util::to_lower(row[0]) != "image name" || util::to_lower(row[1]) != "default image") {
        return util::failure(what + ": unexpected table header " + util::quoted(line));
      }
      header = true;
      continue;
    }
    if (row[0].empty() || row[1].empty()) {
      return util::failure(what + ": a row without an image name or default image: " + util::quoted(line));
    }
    rows.push_back({row[0], row[1], row[2]});
  }
  if (!header) {
    return util::failure(what + ": no image table in the output: " + util::quoted(util::first_line(text)));
  }
  return rows;
}

} // namespace devk8s::core::minikube
