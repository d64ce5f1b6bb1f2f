// libFuzzer harness: what minikube prints (core/minikube). The first byte picks the parser ('0'…'7'):
//   0 version -o json   2 status -o json   4 addons images (a table)                            6 node list
//   1 profile list -o json   3 addons list -o json   5 --container-runtime, profile and node names
//   7 minikube start's output, classified when it failed (start_failure; the second byte is its exit code)
// (eight selectors, so that '0'…'7' keep selecting 0…7: 48 is a multiple of 8).
#include "core/minikube/addon_images_table.hpp"
#include "core/minikube/addons_list.hpp"
#include "core/minikube/container_runtime.hpp"
#include "core/minikube/names.hpp"
#include "core/minikube/node_list.hpp"
#include "core/minikube/profile_list.hpp"
#include "core/minikube/start_failure.hpp"
#include "core/minikube/status.hpp"
#include "core/minikube/version_json.hpp"
#include "fuzz_support.hpp"

#include <string>
#include <vector>

namespace minikube = devk8s::core::minikube;
using devk8s::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto [selector, text] = devk8s::fuzz::select(devk8s::fuzz::as_text(data, size), 8);
  switch (selector) {
  case 0: (void)minikube::parse_version_json(text); break;
  case 1: (void)minikube::parse_profile_list_json(text); break;
  case 2: (void)minikube::parse_status_json(text); break;
  case 3: (void)minikube::parse_addons_list_json(text); break;
  case 4: (void)minikube::parse_addon_images_table(text); break;
  case 5:
    if (const auto runtime = minikube::parse_container_runtime(text)) {
      require(minikube::parse_container_runtime(minikube::to_string(*runtime)).has_value(),
              "a runtime's name parses back");
    }
    (void)minikube::check_profile_name(text);
    (void)minikube::check_node_name(text);
    break;
  case 6:
    if (const auto nodes = minikube::parse_node_list(text)) {
      for (const auto& node : *nodes) {
        require(!node.machine.empty() && node.machine.find_first_of("\t\n") == std::string::npos &&
                    node.ip.find_first_of("\t\n") == std::string::npos,
                "a listed node is one line's machine and IP");
      }
    }
    break;
  case 7: {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= text.size();) {
      const auto end = std::min(text.find('\n', start), text.size());
      lines.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
    const int code = size >= 2 ? data[1] : 1;
    const auto failure = minikube::classify_start_failure(code, lines, "minikube");
    require(failure.reason.find_first_of(" \n") == std::string::npos, "a reason ID is one word");
    require(failure.message.find('\n') == std::string::npos, "the message is one line");
    (void)minikube::kept_settings(lines);
    break;
  }
  default: break;
  }
  if (size >= 2) {
    // minikube status's exit code is a bit set (cmd/minikube/cmd/status.go); any byte is a code.
    (void)minikube::decode_status_exit(data[1]);
  }
  return 0;
}
