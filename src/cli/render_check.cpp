#include "cli/render_check.hpp"

namespace devk8s::cli {

using core::registry::OutcomeKind;

nlohmann::json outcome_to_json(const core::registry::Outcome& o)
{
  nlohmann::json j = {{"outcome", core::registry::to_string(o.kind)}, {"status", o.status}, {"attempts", o.attempts}};
  if (o.ok()) {
    j["digest"] = o.digest;
    j["mediaType"] = o.media_type;
  } else {
    j["code"] = o.code;
    j["message"] = o.message;
  }
  return j;
}

std::string outcome_detail(const core::registry::Outcome& o)
{
  std::string detail = o.summary();
  if (!o.ok() && o.status != 0) {
    detail = "HTTP " + std::to_string(o.status) + " " + detail;
  }
  return detail.empty() ? "-" : detail;
}

std::string outcome_hint(OutcomeKind kind)
{
  switch (kind) {
  case OutcomeKind::found:
    return {};
  case OutcomeKind::not_found:
    return "the path or tag does not exist there; 'devk8s mirror resolve --verify REF --mirror NAME' tries every "
           "candidate path";
  case OutcomeKind::denied:
    return "log in ('docker login HOST' or --creds HOST=USER:PASSWORD), or the image does not exist: registries such as "
           "Aliyun answer 'denied' for a missing repository, and mirror allowlists refuse images they do not carry";
  case OutcomeKind::unreachable:
    return "check DNS, the proxy (HTTPS_PROXY, NO_PROXY) and --ca-file; from mainland China use a mirror (--mirror cn)";
  case OutcomeKind::rate_limited:
    return "the registry limits pulls: wait, log in, or use a mirror";
  case OutcomeKind::bad_answer:
    return "the server did not answer like a registry: check the host, port and any proxy in between";
  }
  return {};
}

} // namespace devk8s::cli
