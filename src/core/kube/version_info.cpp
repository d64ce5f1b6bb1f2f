#include "core/kube/version_info.hpp"

#include <nlohmann/json.hpp>

namespace devk8s::core::kube {

util::Result<Version> parse_version_info(const nlohmann::json& info)
{
  if (!info.is_object() || !info.contains("gitVersion") || !info["gitVersion"].is_string()) {
    return util::failure("no gitVersion in the version answer");
  }
  return Version::parse(info["gitVersion"].get<std::string>());
}

} // namespace devk8s::core::kube
