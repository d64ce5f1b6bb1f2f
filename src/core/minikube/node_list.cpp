#include "core/minikube/node_list.hpp"

#include "util/strings.hpp"

namespace devk8s::core::minikube {

util::Result<std::vector<ListedNode>> parse_node_list(std::string_view text)
{
  std::vector<ListedNode> out;
  int number = 0;
  for (const auto line : util::split(text, '\n')) {
    ++number;
    if (util::trim(line).empty()) {
      continue;
    }
    const auto tab = line.find('\t');
    const auto machine = tab == std::string_view::npos ? std::string_view() : util::trim(line.substr(0, tab));
    // node_list.go prints exactly one tab; a second one means this is not its output.
    if (machine.empty() || util::trim(line.substr(tab + 1)).find('\t') != std::string_view::npos) {
      return util::failure("minikube node list: line " + std::to_string(number) + " is not \"<machine>\\t<IP>\": " +
                           util::quoted(line));
    }
    out.push_back({std::string(machine), std::string(util::trim(line.substr(tab + 1)))});
  }
  return out;
}

} // namespace devk8s::core::minikube
