#include "util/utf8.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace devk8s::util::utf8 {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Zero columns: combining marks (the general blocks and the scripts' most common ones), zero-width
// and bidi format characters, variation selectors. Not every Mn of Unicode: a compact table that
// covers what tool output and registry answers carry, checked before the wide table (U+3099).
constexpr std::array k_zero_width{
    Range{0x0300, 0x036F}, Range{0x0483, 0x0489}, Range{0x0591, 0x05BD}, Range{0x05BF, 0x05BF},
    Range{0x05C1, 0x05C2}, Range{0x05C4, 0x05C5}, Range{0x05C7, 0x05C7}, Range{0x0610, 0x061A},
    Range{0x064B, 0x065F}, Range{0x0670, 0x0670}, Range{0x06D6, 0x06DC}, Range{0x06DF, 0x06E4},
    Range{0x06E7, 0x06E8}, Range{0x06EA, 0x06ED}, Range{0x0E31, 0x0E31}, Range{0x0E34, 0x0E3A},
    Range{0x0E47, 0x0E4E}, Range{0x1160, 0x11FF}, Range{0x1AB0, 0x1AFF}, Range{0x1DC0, 0x1DFF},
    Range{0x200B, 0x200F}, Range{0x202A, 0x202E}, Range{0x2060, 0x2064}, Range{0x20D0, 0x20FF},
    Range{0x302A, 0x302D}, Range{0x3099, 0x309A}, Range{0xFE00, 0xFE0F}, Range{0xFE20, 0xFE2F},
    Range{0xFEFF, 0xFEFF}, Range{0x1D167, 0x1D169}, Range{0x1D173, 0x1D182}, Range{0xE0001, 0xE0001},
    Range{0xE0020, 0xE007F}, Range{0xE0100, 0xE01EF},
};

// Two columns: East Asian Wide and Fullwidth (Unicode's EastAsianWidth.txt W and F), with the
// emoji blocks taken whole.
constexpr std::array k_wide{
    Range{0x1100, 0x115F},   Range{0x231A, 0x231B},   Range{0x2329, 0x232A},   Range{0x23E9, 0x23EC},
    Range{0x23F0, 0x23F0},   Range{0x23F3, 0x23F3},   Range{0x25FD, 0x25FE},   Range{0x2614, 0x2615},
    Range{0x2648, 0x2653},   Range{0x267F, 0x267F},   Range{0x2693, 0x2693},   Range{0x26A1, 0x26A1},
    Range{0x26AA, 0x26AB},   Range{0x26BD, 0x26BE},   Range{0x26C4, 0x26C5},   Range{0x26CE, 0x26CE},
    Range{0x26D4, 0x26D4},   Range{0x26EA, 0x26EA},   Range{0x26F2, 0x26F3},   Range{0x26F5, 0x26F5},
    Range{0x26FA, 0x26FA},   Range{0x26FD, 0x26FD},   Range{0x2705, 0x2705},   Range{0x270A, 0x270B},
    Range{0x2728, 0x2728},   Range{0x274C, 0x274C},   Range{0x274E, 0x274E},   Range{0x2753, 0x2755},
    Range{0x2757, 0x2757},   Range{0x2795, 0x2797},   Range{0x27B0, 0x27B0},   Range{0x27BF, 0x27BF},
    Range{0x2B1B, 0x2B1C},   Range{0x2B50, 0x2B50},   Range{0x2B55, 0x2B55},   Range{0x2E80, 0x303E},
    Range{0x3041, 0x33FF},   Range{0x3400, 0x4DBF},   Range{0x4E00, 0x9FFF},   Range{0xA000, 0xA4CF},
    Range{0xA960, 0xA97F},   Range{0xAC00, 0xD7A3},   Range{0xF900, 0xFAFF},   Range{0xFE10, 0xFE19},
    Range{0xFE30, 0xFE6F},   Range{0xFF00, 0xFF60},   Range{0xFFE0, 0xFFE6},   Range{0x16FE0, 0x16FE4},
    Range{0x17000, 0x18CFF}, Range{0x1B000, 0x1B2FF}, Range{0x1F004, 0x1F004}, Range{0x1F0CF, 0x1F0CF},
    Range{0x1F18E, 0x1F18E}, Range{0x1F191, 0x1F19A}, Range{0x1F200, 0x1F202}, Range{0x1F210, 0x1F23B},
    Range{0x1F240, 0x1F248}, Range{0x1F250, 0x1F251}, Range{0x1F260, 0x1F265}, Range{0x1F300, 0x1F64F},
    Range{0x1F680, 0x1F6FF}, Range{0x1F900, 0x1F9FF}, Range{0x1FA70, 0x1FAFF}, Range{0x20000, 0x2FFFD},
    Range{0x30000, 0x3FFFD},
};

template <std::size_t N>
bool in(const std::array<Range, N>& table, char32_t c)
{
  const auto it = std::upper_bound(table.begin(), table.end(), c, [](char32_t v, const Range& r) { return v < r.first; });
  return it != table.begin() && c <= std::prev(it)->last;
}

// How many bytes at the start of `text` belong to a well-formed sequence (`complete`); when none
// does, the one byte that is replaced. Per byte, not per maximal subpart: the count of U+FFFD
// then says how many bytes were bad.
struct Scan {
  std::size_t length = 0;
  bool complete = false;
};

Scan scan(std::string_view text)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    return {1, true};
  }
  std::size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xbf;
  // RFC 3629 §4: the second byte's range excludes overlong forms (E0, F0), surrogates (ED) and
  // code points past U+10FFFF (F4).
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    need = 1;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    lo = b0 == 0xe0 ? 0xa0 : 0x80;
    hi = b0 == 0xed ? 0x9f : 0xbf;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    lo = b0 == 0xf0 ? 0x90 : 0x80;
    hi = b0 == 0xf4 ? 0x8f : 0xbf;
  } else {
    return {1, false};
  }
  for (std::size_t i = 1; i <= need; ++i) {
    if (i >= text.size() || byte(i) < lo || byte(i) > hi) {
      return {1, false};
    }
    lo = 0x80;
    hi = 0xbf;
  }
  return {need + 1, true};
}

} // namespace

std::size_t sequence_length(std::string_view text)
{
  if (text.empty()) {
    return 0;
  }
  const Scan s = scan(text);
  return s.complete ? s.length : 0;
}

CodePoint decode(std::string_view text)
{
  if (text.empty()) {
    return {0xFFFD, 0, false};
  }
  const Scan s = scan(text);
  if (!s.complete) {
    return {0xFFFD, s.length, false};
  }
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[i])); };
  static constexpr char32_t k_lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t value = byte(0) & k_lead_mask[s.length];
  for (std::size_t i = 1; i < s.length; ++i) {
    value = (value << 6) | (byte(i) & 0x3F);
  }
  return {value, s.length, true};
}

bool is_valid(std::string_view text)
{
  while (!text.empty()) {
    const Scan s = scan(text);
    if (!s.complete) {
      return false;
    }
    text.remove_prefix(s.length);
  }
  return true;
}

std::string sanitize(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const Scan s = scan(text);
    if (s.complete) {
      out += text.substr(0, s.length);
    } else {
      out += k_replacement;
    }
    text.remove_prefix(s.length);
  }
  return out;
}

int column_width(char32_t code_point)
{
  if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) {
    return 0;
  }
  if (code_point < 0x300) {
    return 1;
  }
  if (in(k_zero_width, code_point)) {
    return 0;
  }
  return in(k_wide, code_point) ? 2 : 1;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  while (!text.empty()) {
    const auto c = decode(text);
    width += static_cast<std::size_t>(column_width(c.value));
    text.remove_prefix(c.length);
  }
  return width;
}

} // namespace devk8s::util::utf8
