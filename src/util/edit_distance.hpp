// Levenshtein distance and "did you mean" suggestions for typos in flags, fields and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::util {

std::size_t edit_distance(std::string_view a, std::string_view b);

/// Words and candidates longer than this get no "did you mean": they are not typed by hand, and the
/// table costs the product of the lengths.
inline constexpr std::size_t k_max_suggested_length = 256;

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (at most a third of the word's length, and at least 1, edits away), or else the only
/// candidate the word abbreviates.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace devk8s::util
