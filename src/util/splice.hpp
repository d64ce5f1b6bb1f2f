// Byte-range replacements in a text: the way devk8s edits files without reformatting them.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::util {

struct Splice {
  std::size_t begin = 0; ///< byte offset
  std::size_t end = 0;   ///< byte offset just past the replaced bytes
  std::string text;      ///< what replaces them
};

/// Applies splices sorted by `begin` and not overlapping; everything else is copied byte for byte.
std::string apply_splices(std::string_view text, const std::vector<Splice>& splices);

/// The same, written straight to `out`: a large stream is never held twice.
void write_spliced(std::ostream& out, std::string_view text, const std::vector<Splice>& splices);

/// A unified diff (diff -u, git-apply compatible) of `text` against `text` with `splices`.
/// Empty when there are no splices.
std::string unified_diff(std::string_view text, const std::vector<Splice>& splices, const std::string& old_label,
                         const std::string& new_label, std::size_t context = 3);

} // namespace devk8s::util
