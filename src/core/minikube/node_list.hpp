// `minikube node list -p P`: one line per node of the profile, "<machine name>\t<IP>\n"
// (cmd/minikube/cmd/node_list.go, kubernetes/minikube@04f164baf6: fmt.Printf("%s\t%s\n",
// driver.MachineName(*cc, n), n.IP)). The first control plane's machine is the profile's name,
// the others "<profile>-m02", ...; the IP is empty for a node that has not started yet.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

struct ListedNode {
  std::string machine; ///< "minikube", "minikube-m02"
  std::string ip;      ///< "192.168.49.2"; "" before the node has one
};

/// The nodes in printed order; blank lines are skipped. A line without the tab is an Error, since
/// it means the output is not node list's (an older or newer layout devk8s does not know).
util::Result<std::vector<ListedNode>> parse_node_list(std::string_view text);

} // namespace devk8s::core::minikube
