#include "app/verify_resolutions.hpp"

#include "app/registry_words.hpp"

#include <map>

namespace devk8s::app {

std::vector<VerifiedResolution> verify_resolutions(ports::RegistryClient& registry,
                                                   const std::vector<core::image::Resolution>& resolutions,
                                                   const ports::RegistryCheckOptions& options, bool ask_upstream,
                                                   ports::Reporter& reporter)
{
  // Each distinct reference is asked once, whatever number of resolutions name it.
  std::vector<core::image::ImageRef> refs;
  std::map<std::string, std::size_t> index;
  const auto want = [&](const core::image::ImageRef& ref) {
    if (index.emplace(ref.str(), refs.size()).second) {
      refs.push_back(ref);
    }
  };
  for (const auto& r : resolutions) {
    for (const auto& c : r.candidates) {
      want(c.ref);
    }
    if (r.candidates.empty()) {
      want(r.original);
    }
    if (ask_upstream) {
      want(r.upstream);
    }
  }
  const auto outcomes = registry.check_manifests(refs, options);
  report_credentials_sent(reporter, outcomes);
  const auto outcome_of = [&](const core::image::ImageRef& ref) { return outcomes.at(index.at(ref.str())); };

  std::vector<VerifiedResolution> verified;
  for (const auto& r : resolutions) {
    VerifiedResolution v;
    for (const auto& c : r.candidates) {
      v.candidates.push_back(outcome_of(c.ref));
    }
    if (r.candidates.empty()) {
      v.original = outcome_of(r.original);
    }
    if (ask_upstream) {
      v.upstream = outcome_of(r.upstream);
    }
    v.verification = core::registry::verify(r, v.candidates, v.original, v.upstream);
    verified.push_back(std::move(v));
  }
  return verified;
}

} // namespace devk8s::app
