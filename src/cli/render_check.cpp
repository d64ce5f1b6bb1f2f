#include "cli/render_check.hpp"

namespace devk8s::cli {

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


nlohmann::json verified_to_json(const core::image::Resolution& resolution, const app::VerifiedResolution& v)
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
