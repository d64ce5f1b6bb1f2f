#include "app/retag_sources.hpp"

#include "core/retag/sources.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <optional>

namespace devk8s::app {

namespace {

namespace retag = core::retag;
using core::image::ImageRef;

std::string outcome_words(const ImageRef& ref, const core::registry::Outcome& outcome)
{
  return ref.str() + ": " + std::string(core::registry::to_string(outcome.kind)) +
         (outcome.message.empty() ? "" : " (" + outcome.message + ")");
}

} // namespace

/// Asks the registry about every candidate of every image in one batch and picks each source.
util::Result<void> find_sources(const Ports& ports, const RetagOptions& options, const core::image::MirrorMap* map,
                                std::vector<WantedImage>& images, ports::Reporter& reporter)
{
  std::optional<ImageRef> from;
  if (!options.from.empty()) {
    from = *ImageRef::parse(options.from); // check_options parsed it
  }
  std::vector<retag::SourceQuery> queries;
  std::vector<ImageRef> asked;
  const auto ask = [&asked](const ImageRef& ref) {
    if (std::find(asked.begin(), asked.end(), ref) == asked.end()) {
      asked.push_back(ref);
    }
  };
  for (const auto& image : images) {
    queries.push_back(retag::source_query(image.repair.wanted, map, from));
    for (const auto& c : queries.back().candidates) {
      ask(c);
    }
    if (!options.ask_upstream) {
      queries.back().upstream.reset();
    }
    if (queries.back().upstream) {
      ask(*queries.back().upstream);
    }
  }
  // A credential without a host goes only to registries the user chose: --image, --from and the
  // mirror map's candidates; never to an upstream nobody named or a registry a pod spec names.
  auto check = options.registry;
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (const auto& c : queries[i].candidates) {
      if (c != images[i].repair.wanted || !options.image.empty()) {
        check.general_creds_registries.insert(c.domain());
      }
    }
  }
  reporter.status("asking the registries about " + std::to_string(asked.size()) + " image" +
                  (asked.size() == 1 ? "" : "s"));
  const auto outcomes = ports.registry.check_manifests(asked, check);
  reporter.status("");
  const auto outcome_of = [&](const ImageRef& ref) -> const core::registry::Outcome& {
    return outcomes[static_cast<std::size_t>(std::find(asked.begin(), asked.end(), ref) - asked.begin())];
  };
  for (std::size_t i = 0; i < images.size(); ++i) {
    auto& image = images[i];
    const auto& query = queries[i];
    std::vector<core::registry::Outcome> answers;
    for (const auto& c : query.candidates) {
      answers.push_back(outcome_of(c));
      reporter.detail("registry: " + outcome_words(c, answers.back()));
    }
    std::optional<core::registry::Outcome> upstream;
    if (query.upstream) {
      upstream = outcome_of(*query.upstream);
    }
    auto choice = retag::choose_source(query, answers, upstream);
    if (!choice) {
      std::vector<std::string> tried;
      for (std::size_t c = 0; c < query.candidates.size(); ++c) {
        tried.push_back(outcome_words(query.candidates[c], answers[c]));
      }
      return util::failure("no source for " + image.wanted + " on any registry; nothing was changed: " +
                               util::join(tried, "; "),
                           map == nullptr ? "name a mirror map with --mirror, or the image with --image and --from"
                                          : "name the image that has it: devk8s retag --image " + image.wanted +
                                                " --from SOURCE");
    }
    if (choice->is_wanted && image.pods.empty()) {
      image.repair.source = choice->source; // nothing asked for it yet, and it is there: nothing to repair
      continue;
    }
    if (choice->is_wanted && !options.via_host) {
      return util::failure(image.wanted + " exists on its registry, so the node could not reach it, not the image that "
                                          "is missing (kubelet: " + image.message + "); nothing was changed",
                           "pull it on this host and load it into the node: add --via-host");
    }
    image.repair.source = choice->source;
    image.digest = choice->digest;
    image.warnings = choice->warnings;
    if (!choice->is_wanted) {
      image.rule = query.rule;
    }
  }
  return {};
}

} // namespace devk8s::app
