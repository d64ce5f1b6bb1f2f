#include "core/retag/sources.hpp"

#include "core/image/mirror_resolver.hpp"

#include <algorithm>

namespace devk8s::core::retag {

namespace {

void add(std::vector<image::ImageRef>& list, const image::ImageRef& ref)
{
  if (std::find(list.begin(), list.end(), ref) == list.end()) {
    list.push_back(ref);
  }
}

/// `ref` by its tag alone; nullopt when it has no tag to fall back on.
std::optional<image::ImageRef> by_tag(const image::ImageRef& ref)
{
  if (ref.digest().empty() || ref.tag().empty()) {
    return std::nullopt;
  }
  auto tagged = image::ImageRef::from_parts(ref.name(), ref.tag(), "");
  return tagged ? std::optional<image::ImageRef>(*tagged) : std::nullopt;
}

std::string short_digest(const std::string& digest)
{
  return digest.substr(0, std::min<std::size_t>(digest.size(), 19));
}

} // namespace

SourceQuery source_query(const image::ImageRef& wanted, const image::MirrorMap* map,
                         const std::optional<image::ImageRef>& from)
{
  SourceQuery query{wanted, {}, std::nullopt, {}};
  if (from) {
    query.candidates.push_back(*from);
    return query;
  }
  if (map != nullptr) {
    const auto resolution = image::resolve(wanted, *map);
    if (resolution.upstream != wanted) {
      query.upstream = resolution.upstream;
    }
    if (!resolution.candidates.empty()) {
      query.rule = map->describe_rule(resolution.candidates.front().rule_index);
    }
    for (const auto& c : resolution.candidates) {
      add(query.candidates, c.ref);
    }
    for (const auto& c : resolution.candidates) {
      if (auto tagged = by_tag(c.ref)) {
        add(query.candidates, *tagged);
      }
    }
  }
  add(query.candidates, wanted);
  return query;
}

std::optional<SourceChoice> choose_source(const SourceQuery& query, const std::vector<registry::Outcome>& outcomes,
                                          const std::optional<registry::Outcome>& upstream)
{
  for (std::size_t i = 0; i < query.candidates.size() && i < outcomes.size(); ++i) {
    if (!outcomes[i].ok()) {
      continue;
    }
    SourceChoice choice{query.candidates[i], outcomes[i].digest, query.candidates[i] == query.wanted, {}};
    const auto& pinned = query.wanted.digest();
    if (!pinned.empty() && choice.source.digest().empty() && !choice.digest.empty()) {
      // A tag found for a pinned image: pin the source to what the registry has now, so the
      // addon still runs exactly one image.
      if (auto exact = image::ImageRef::from_parts(choice.source.name(), choice.source.tag(), choice.digest)) {
        choice.source = *exact;
      }
    }
    if (!pinned.empty() && !choice.digest.empty() && choice.digest != pinned) {
      choice.warnings.push_back(choice.source.name() + ":" + choice.source.tag() + " has digest " +
                                short_digest(choice.digest) + "…, not the pinned " + short_digest(pinned) +
                                "…: the mirror's copy is another manifest (re-pushed, or another tag's)");
    } else if (upstream && upstream->ok() && !choice.digest.empty() && upstream->digest != choice.digest &&
               query.upstream) {
      choice.warnings.push_back(choice.source.str() + " has digest " + short_digest(choice.digest) + "…, upstream " +
                                query.upstream->str() + " has " + short_digest(upstream->digest) +
                                "…: the mirror's copy differs from upstream's");
    }
    return choice;
  }
  return std::nullopt;
}

} // namespace devk8s::core::retag
