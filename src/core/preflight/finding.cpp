#include "core/preflight/finding.hpp"

namespace devk8s::core::preflight {

const char* to_string(Severity severity)
{
  switch (severity) {
  case Severity::ok: return "ok";
  case Severity::warn: return "warn";
  case Severity::fail: return "fail";
  }
  return "?";
}

Severity worst(const std::vector<Finding>& findings)
{
  Severity result = Severity::ok;
  for (const auto& f : findings) {
    if (static_cast<int>(f.severity) > static_cast<int>(result)) {
      result = f.severity;
    }
  }
  return result;
}

} // namespace devk8s::core::preflight
