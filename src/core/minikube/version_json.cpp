#include "core/minikube/version_json.hpp"

#include "core/minikube/json_fields.hpp"
#include "core/preflight/tool_output.hpp"

namespace devk8s::core::minikube {

util::Result<VersionInfo> parse_version_json(std::string_view json)
{
  DEVK8S_TRY(auto version, preflight::parse_minikube_version_json(json));
  const std::string what = "minikube version -o json";
  DEVK8S_TRY(const auto j, json_fields::parse(json, what));
  DEVK8S_TRY(auto commit, json_fields::string_at(j, "commit", what, false));
  return VersionInfo{std::move(version), std::move(commit)};
}

} // namespace devk8s::core::minikube
