#include "core/minikube/status.hpp"

#include "core/minikube/json_fields.hpp"

namespace devk8s::core::minikube {

namespace {

namespace jf = json_fields;

util::Result<NodeStatus> parse_node(const nlohmann::json& j)
{
  const std::string what = "minikube status -o json";
  if (!j.is_object()) {
    return util::failure(what + " has an entry that is " + std::string(j.type_name()) + ", not an object");
  }
  NodeStatus s;
  DEVK8S_TRY(s.name, jf::string_at(j, "Name", what));
  const std::string in = what + " node " + s.name;
  DEVK8S_TRY(s.host, jf::string_at(j, "Host", in));
  DEVK8S_TRY(s.kubelet, jf::string_at(j, "Kubelet", in));
  DEVK8S_TRY(s.apiserver, jf::string_at(j, "APIServer", in));
  DEVK8S_TRY(s.kubeconfig, jf::string_at(j, "Kubeconfig", in));
  DEVK8S_TRY(s.worker, jf::bool_at(j, "Worker", in));
  DEVK8S_TRY(s.time_to_stop, jf::string_at(j, "TimeToStop", in, false));
  return s;
}

} // namespace

util::Result<std::vector<NodeStatus>> parse_status_json(std::string_view text)
{
  DEVK8S_TRY(const auto j, jf::parse(text, "minikube status -o json"));
  std::vector<NodeStatus> out;
  if (j.is_object()) {
    DEVK8S_TRY(auto node, parse_node(j));
    out.push_back(std::move(node));
    return out;
  }
  if (!j.is_array() || j.empty()) {
    return util::failure("minikube status -o json is " + std::string(j.is_array() ? "an empty array" : j.type_name()) +
                         ", not a node object or a list of them");
  }
  for (const auto& entry : j) {
    DEVK8S_TRY(auto node, parse_node(entry));
    out.push_back(std::move(node));
  }
  return out;
}

util::Result<StatusExit> decode_status_exit(int code)
{
  if (code < 0 || code > 7) {
    return util::failure("minikube status exited " + std::to_string(code) + ", which is not a status (0-7)",
                         "run minikube status to see what it says");
  }
  return StatusExit{(code & 1) != 0, (code & 2) != 0, (code & 4) != 0};
}

} // namespace devk8s::core::minikube
