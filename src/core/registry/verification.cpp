#include "core/registry/verification.hpp"

namespace devk8s::core::registry {

namespace {

void compare_with_upstream(Verification& v, const Outcome& chosen, const std::optional<Outcome>& upstream)
{
  if (!upstream || !upstream->ok() || chosen.digest == upstream->digest) {
    return;
  }
  v.warnings.push_back(v.chosen->str() + " has digest " + chosen.digest + " but upstream has " + upstream->digest +
                       ": the mirror's copy is stale or a different image (or holds fewer platforms)");
}

} // namespace

Verification verify(const image::Resolution& resolution, const std::vector<Outcome>& candidates,
                    const std::optional<Outcome>& original, const std::optional<Outcome>& upstream)
{
  Verification v;
  if (resolution.candidates.empty()) {
    if (original && original->ok()) {
      v.chosen = resolution.original;
      if (resolution.original != resolution.upstream) {
        compare_with_upstream(v, *original, upstream);
      }
    }
    return v;
  }
  for (std::size_t i = 0; i < resolution.candidates.size() && i < candidates.size(); ++i) {
    if (candidates[i].ok()) {
      v.chosen = resolution.candidates[i].ref;
      v.chosen_index = i;
      compare_with_upstream(v, candidates[i], upstream);
      return v;
    }
    if (i + 1 < resolution.candidates.size()) {
      v.warnings.push_back("skipped " + resolution.candidates[i].ref.str() + ": " +
                           std::string(to_string(candidates[i].kind)) + " (" + candidates[i].summary() + ")");
    }
  }
  return v;
}

} // namespace devk8s::core::registry
