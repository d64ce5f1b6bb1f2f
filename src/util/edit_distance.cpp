#include "util/edit_distance.hpp"

#include <algorithm>
#include <numeric>

namespace devk8s::util {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates)
{
  const std::size_t limit = std::max<std::size_t>(1, (word.size() + 2) / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    // The distance is at least the difference in length, so most candidates need no table; and
    // nobody types a name of hundreds of characters by hand, so those get no quadratic table
    // either (a 120 KB kubeconfig took 5 s to suggest a context before this bound).
    const std::size_t longer = std::max(word.size(), candidate.size());
    const std::size_t shorter = std::min(word.size(), candidate.size());
    if (longer - shorter >= best_distance || longer > k_max_suggested_length) {
      continue;
    }
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best && word.size() >= 3) {
    // An abbreviation ("image-repo") is as clear a typo as a misspelling, if only one fits.
    std::vector<std::string> extensions;
    for (const auto& candidate : candidates) {
      if (candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) {
        extensions.push_back(candidate);
      }
    }
    if (extensions.size() == 1) {
      best = extensions.front();
    }
  }
  return best;
}

} // namespace devk8s::util
