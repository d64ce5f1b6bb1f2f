#include "app/registry_words.hpp"

#include "util/strings.hpp"

#include <map>
#include <set>

namespace devk8s::app {

using core::registry::OutcomeKind;

std::string outcome_detail(const core::registry::Outcome& o)
{
  std::string detail = o.summary();
  if (!o.ok() && o.status != 0) {
    detail = "HTTP " + std::to_string(o.status) + " " + detail;
  }
  return detail.empty() ? "-" : detail;
}

std::string outcome_hint(OutcomeKind kind, const HintContext& context)
{
  switch (kind) {
  case OutcomeKind::found:
    return {};
  case OutcomeKind::not_found:
    if (context.verifying) {
      return "no candidate path has that tag: the mirror may not carry the image; see the map's rules with "
             "'devk8s mirror show NAME', or add one with --mirror-file FILE";
    }
    return "the path or tag does not exist there; 'devk8s mirror resolve --verify REF --mirror NAME' tries every "
           "candidate path";
  case OutcomeKind::denied:
    return "log in ('docker login HOST' or --creds HOST=USER:PASSWORD), or the image does not exist: registries such as "
           "Aliyun answer 'denied' for a missing repository, and mirror allowlists refuse images they do not carry";
  case OutcomeKind::unreachable:
    if (context.mirror_given) {
      return "check DNS, the proxy (HTTPS_PROXY, NO_PROXY) and --ca-file; if the mirror itself cannot be reached "
             "from here, try another one ('devk8s mirror list') or your own map (--mirror-file FILE)";
    }
    return "check DNS, the proxy (HTTPS_PROXY, NO_PROXY) and --ca-file; from mainland China use a mirror (--mirror cn)";
  case OutcomeKind::rate_limited:
    return "the registry limits pulls: wait, log in, or use a mirror";
  case OutcomeKind::bad_answer:
    return "the server did not answer like a registry: check the host, port and any proxy in between";
  }
  return {};
}

void report_credentials_sent(ports::Reporter& reporter, const std::vector<core::registry::Outcome>& outcomes)
{
  std::map<std::string, std::set<std::string>> by_source;
  for (const auto& o : outcomes) {
    by_source[o.credentials_source].insert(o.credentials_sent_to.begin(), o.credentials_sent_to.end());
  }
  bool any = false;
  for (const auto& [source, hosts] : by_source) {
    if (!hosts.empty()) {
      any = true;
      reporter.detail("credentials from " + source + " sent to " +
                      util::join(std::vector<std::string>(hosts.begin(), hosts.end()), ", "));
    }
  }
  if (!any) {
    reporter.detail("no credentials sent");
  }
}

} // namespace devk8s::app
