#include "core/finding/finding.hpp"

namespace devk8s::core::finding {

const char* to_string(Severity severity)
{
  switch (severity) {
  case Severity::ok: return "ok";
  case Severity::warn: return "warn";
  case Severity::fail: return "fail";
  }
  return "?";
}

Subject Subject::host(std::string fact)
{
  return {"", "", std::move(fact)};
}

Subject Subject::object(std::string kind, std::string ns, std::string name)
{
  return {std::move(kind), std::move(ns), std::move(name)};
}

std::string Subject::str() const
{
  if (is_host()) {
    return name;
  }
  return kind + " " + (ns.empty() ? name : ns + "/" + name);
}

std::string Finding::evidence_text() const
{
  std::string out;
  for (const auto& e : evidence) {
    out += (out.empty() ? "" : "; ") + e.str();
  }
  return out;
}

Finding about_host(std::string id, Severity severity, std::string fact, std::string message, Evidence evidence,
                   std::string hint, bool forceable)
{
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.subject = Subject::host(std::move(fact));
  f.message = std::move(message);
  f.evidence.push_back(std::move(evidence));
  f.hint = std::move(hint);
  f.forceable = forceable;
  return f;
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

} // namespace devk8s::core::finding
