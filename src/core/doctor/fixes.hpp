// What `doctor --fix` can do about the root causes it found: the devk8s commands their findings
// name (today `retag`, for images a node cannot pull), merged so each addon is repaired once,
// and the roots it cannot fix, whose hints the user has to follow. Pure.
#pragma once

#include "core/finding/chains.hpp"

#include <string>
#include <vector>

namespace devk8s::core::doctor {

struct ImageFix {
  std::string wanted; ///< the image as pods ask for it
  std::string from;   ///< where it really is
};

struct FixSelection {
  std::vector<std::string> addons; ///< `retag ADDON...`, each once, in the order found
  std::vector<ImageFix> images;    ///< `retag --image WANTED --from SOURCE`, each once
  std::vector<std::size_t> manual; ///< roots (indices into the findings) that name no command devk8s runs
  bool empty() const { return addons.empty() && images.empty(); }
};

/// From the root of each problem: its Finding::command when it is one `--fix` knows, else the
/// root is manual. A root without a hint and of severity ok is neither.
FixSelection select_fixes(const std::vector<finding::Finding>& findings, const std::vector<finding::Problem>& problems);

/// The failing findings of a run before a fix against those of the run after it (by id and
/// subject): which cleared, which remain, which appeared. Indices into `before`, `before`, `after`.
struct FixComparison {
  std::vector<std::size_t> cleared;
  std::vector<std::size_t> remaining;
  std::vector<std::size_t> appeared;
};
FixComparison compare_findings(const std::vector<finding::Finding>& before, const std::vector<finding::Finding>& after);

} // namespace devk8s::core::doctor
