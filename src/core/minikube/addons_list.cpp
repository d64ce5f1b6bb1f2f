#include "core/minikube/addons_list.hpp"

#include "core/minikube/json_fields.hpp"
#include "util/strings.hpp"

namespace devk8s::core::minikube {

util::Result<std::map<std::string, AddonState>> parse_addons_list_json(std::string_view text)
{
  namespace jf = json_fields;
  const std::string what = "minikube addons list -o json";
  DEVK8S_TRY(const auto j, jf::parse(text, what));
  if (!j.is_object()) {
    return util::failure(what + " is " + std::string(j.type_name()) + ", not an object");
  }
  std::map<std::string, AddonState> out;
  for (const auto& [name, entry] : j.items()) {
    const std::string in = what + " addon " + util::quoted(name);
    if (!entry.is_object()) {
      return jf::wrong_type(what, name, entry, "an object");
    }
    AddonState state;
    DEVK8S_TRY(state.profile, jf::string_at(entry, "Profile", in));
    DEVK8S_TRY(const auto status, jf::string_at(entry, "Status", in));
    if (status != "enabled" && status != "disabled") {
      return util::failure(in + " has Status " + util::quoted(status) + ", not \"enabled\" or \"disabled\"");
    }
    state.enabled = status == "enabled";
    out[name] = std::move(state);
  }
  return out;
}

} // namespace devk8s::core::minikube
