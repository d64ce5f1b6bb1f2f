#include "cli/verify_resolutions.hpp"

#include "cli/render_check.hpp"

#include <map>

namespace devk8s::cli {

std::vector<VerifiedResolution> verify_resolutions(Context& ctx, const std::vector<core::image::Resolution>& resolutions,
                                                   const ports::RegistryCheckOptions& options, bool ask_upstream)
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
  const auto outcomes = ctx.adapters.registry.check_manifests(refs, options);
  if (ctx.global.verbosity > 0) {
    print_credentials_sent(ctx.streams.err, outcomes);
  }
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

nlohmann::json verified_to_json(const core::image::Resolution& resolution, const VerifiedResolution& v)
{
  nlohmann::json candidates = nlohmann::json::array();
  for (std::size_t i = 0; i < resolution.candidates.size() && i < v.candidates.size(); ++i) {
    nlohmann::json c = {{"reference", resolution.candidates[i].ref.str()}};
    c.update(outcome_to_json(v.candidates[i]));
    candidates.push_back(c);
  }
  nlohmann::json j = {{"chosen", v.verification.chosen ? nlohmann::json(v.verification.chosen->str()) : nlohmann::json()},
                      {"candidates", candidates},
                      {"warnings", v.verification.warnings}};
  if (v.original) {
    j["original"] = outcome_to_json(*v.original);
  }
  if (v.upstream) {
    j["upstream"] = outcome_to_json(*v.upstream);
  }
  return j;
}

} // namespace devk8s::cli
