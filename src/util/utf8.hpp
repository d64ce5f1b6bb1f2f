// UTF-8 as devk8s prints it: the one place that decides what is valid (RFC 3629), what replaces
// a bad byte (U+FFFD, one per byte), and how many terminal columns a text takes. Text from
// outside (tool output, registry answers, file names) goes through here before it reaches a
// table, a JSON document or a JUnit report.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace devk8s::util::utf8 {

inline constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

/// The length of the well-formed sequence at the start of `text` (no overlong forms, no
/// surrogates, nothing past U+10FFFF); 0 when it is not one or `text` is empty.
std::size_t sequence_length(std::string_view text);

/// One decoded character: its code point and its length in bytes. Bytes that are not UTF-8
/// decode one at a time as U+FFFD with `valid` false and length 1, so a walk always advances;
/// only empty text gives length 0.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
  bool valid = false;
};
CodePoint decode(std::string_view text);

/// True when every byte of `text` belongs to a well-formed sequence.
bool is_valid(std::string_view text);

/// `text` with each byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string sanitize(std::string_view text);

/// Terminal columns of one code point, as wcwidth does it: 2 for East Asian Wide and Fullwidth,
/// 0 for combining marks, zero-width characters and controls, 1 otherwise.
int column_width(char32_t code_point);

/// Terminal columns of `text`; an invalid byte counts as the one-column U+FFFD printed for it.
std::size_t display_width(std::string_view text);

} // namespace devk8s::util::utf8
