#include "app/mirror_resolve.hpp"

#include "app/registry_words.hpp"
#include "util/strings.hpp"

#include <string>

namespace devk8s::app {

namespace {

using core::image::ResolutionKind;

// One sentence on how the reference was resolved ("repaired a naive mirror path: …").
std::string explain(const core::image::Resolution& resolution, const core::image::MirrorMap& map)
{
  const std::string original = util::quoted(resolution.original.str());
  switch (resolution.kind) {
  case ResolutionKind::rewritten:
    return original + " → " + resolution.chosen().str() + " by " +
           map.describe_rule(resolution.candidates.front().rule_index);
  case ResolutionKind::repaired:
    return "repaired a naive mirror path: " + original + " is " + util::quoted(resolution.upstream.str()) +
           " prefixed with " + util::quoted(resolution.mirror_location) +
           ", a flat namespace; it is " + resolution.chosen().str() + " by " +
           map.describe_rule(resolution.candidates.front().rule_index);
  case ResolutionKind::already_mirrored:
    return original + " is already on the mirror (" + resolution.mirror_location + ")";
  case ResolutionKind::unchanged:
    if (!resolution.mirror_location.empty()) {
      return original + " is under the flat mirror namespace " + util::quoted(resolution.mirror_location) +
             " with extra path segments no rule of " + util::quoted(map.name) + " explains; left as is";
    }
    return "no rule of mirror " + util::quoted(map.name) + " matches " + original + "; left as is";
  }
  return {};
}

// Why no candidate of `r` can be used, naming each and what its registry said.
util::Error unverified_error(const core::image::Resolution& r, const VerifiedResolution& v)
{
  std::vector<std::string> parts;
  std::string hint;
  for (std::size_t i = 0; i < r.candidates.size() && i < v.candidates.size(); ++i) {
    parts.push_back(r.candidates[i].ref.str() + " " + std::string(core::registry::to_string(v.candidates[i].kind)) +
                    " (" + outcome_detail(v.candidates[i]) + ")");
    hint = hint.empty() ? outcome_hint(v.candidates[i].kind, {true, true}) : hint;
  }
  if (v.original) {
    parts.push_back(r.original.str() + " " + std::string(core::registry::to_string(v.original->kind)) + " (" +
                    outcome_detail(*v.original) + ")");
    hint = outcome_hint(v.original->kind, {true, true});
  }
  return util::failure("no candidate for " + util::quoted(r.original.str()) + " exists: " + util::join(parts, "; "), hint);
}

// Why each reference resolved as it did: always for a repair (the name the user gave was
// wrong), else as detail.
void report_resolution(ports::Reporter& reporter, const core::image::Resolution& r, const core::image::MirrorMap& map)
{
  if (r.kind == ResolutionKind::repaired) {
    reporter.info(explain(r, map));
  } else {
    reporter.detail(explain(r, map));
  }
  for (std::size_t k = 1; k < r.candidates.size(); ++k) {
    reporter.detail("  fallback " + std::to_string(k) + ": " + r.candidates[k].ref.str() + " by " +
                    map.describe_rule(r.candidates[k].rule_index));
  }
}

} // namespace

const core::image::ImageRef& ResolveResult::chosen(std::size_t i) const
{
  if (!verified.empty() && verified[i].verification.chosen) {
    return *verified[i].verification.chosen;
  }
  return resolutions[i].chosen();
}

util::Result<ResolveResult> resolve_images(const Ports& ports, ResolveOptions options, ports::Reporter& reporter)
{
  DEVK8S_TRY(auto map, choose_map(ports.fs, options.mirror));
  ResolveResult result{std::move(map), {}, {}, {}};
  for (const auto& ref : options.references) {
    result.resolutions.push_back(core::image::resolve(ref, result.map));
    if (options.verify) {
      // A credential without a host goes to these registries only: the references named and
      // their candidates (not the upstream of a repaired path, which nobody named).
      options.verify->general_creds_registries.insert(ref.domain());
      for (const auto& c : result.resolutions.back().candidates) {
        options.verify->general_creds_registries.insert(c.ref.domain());
      }
    }
  }
  if (options.verify) {
    result.verified = verify_resolutions(ports.registry, result.resolutions, *options.verify, options.ask_upstream, reporter);
  }
  for (const auto& r : result.resolutions) {
    report_resolution(reporter, r, result.map);
  }
  std::vector<util::Error> unverified;
  for (std::size_t i = 0; i < result.verified.size(); ++i) {
    const auto& v = result.verified[i];
    if (v.verification.chosen) {
      const auto& outcome = v.verification.chosen_index ? v.candidates[*v.verification.chosen_index] : *v.original;
      const std::string line = "verified " + result.chosen(i).str() + " exists (" + outcome.digest + ")";
      // A fallback chosen is news; the first candidate found is what was expected.
      if (v.verification.chosen_index.value_or(0) > 0) {
        reporter.info(line);
      } else {
        reporter.detail(line);
      }
    } else {
      unverified.push_back(unverified_error(result.resolutions[i], v));
    }
    for (const auto& warning : v.verification.warnings) {
      reporter.warning(warning);
    }
  }
  if (unverified.size() == 1) {
    result.unverified = unverified.front();
  } else if (!unverified.empty()) {
    std::vector<std::string> lines;
    for (const auto& e : unverified) {
      lines.push_back(e.message);
    }
    result.unverified = util::failure(util::join(lines, "\n"), unverified.front().hint);
  }
  return result;
}

} // namespace devk8s::app
