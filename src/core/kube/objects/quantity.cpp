#include "core/kube/objects/quantity.hpp"

#include "util/strings.hpp"

#include <limits>
#include <string>

namespace devk8s::core::kube::objects {

namespace {

// GCC and Clang have it; the one place an integer wider than 64 bits saves a page of overflow
// bookkeeping (a 19-digit mantissa times 2^60 needs 124 bits).
__extension__ using Wide = unsigned __int128;

constexpr int k_max_digits = 19; // every 19-digit number fits in uint64

struct Suffix {
  std::string_view text;
  int exponent10;
  int exponent2;
};

// apimachinery pkg/api/resource/suffix.go: the decimal and binary SI suffixes.
constexpr Suffix k_suffixes[] = {
    {"", 0, 0},   {"n", -9, 0}, {"u", -6, 0}, {"m", -3, 0},  {"k", 3, 0},   {"M", 6, 0},   {"G", 9, 0},
    {"T", 12, 0}, {"P", 15, 0}, {"E", 18, 0}, {"Ki", 0, 10}, {"Mi", 0, 20}, {"Gi", 0, 30}, {"Ti", 0, 40},
    {"Pi", 0, 50}, {"Ei", 0, 60}};

util::Error invalid(std::string_view text, std::string_view why)
{
  return util::failure("invalid quantity " + util::quoted(text) + ": " + std::string(why),
                       "a quantity is a number and a suffix, as in \"500m\", \"1\", \"2Gi\", \"1.5G\" or \"1e3\"");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "e3", "E-3", "e+12": the decimal exponent form. An exponent beyond ±1000 is refused rather than
// carried: nothing that large is a resource amount.
bool parse_exponent(std::string_view suffix, int& exponent)
{
  if (suffix.size() < 2 || (suffix[0] != 'e' && suffix[0] != 'E')) {
    return false;
  }
  size_t pos = 1;
  bool negative = false;
  if (suffix[pos] == '+' || suffix[pos] == '-') {
    negative = suffix[pos] == '-';
    ++pos;
  }
  if (pos == suffix.size()) {
    return false;
  }
  int value = 0;
  for (; pos < suffix.size(); ++pos) {
    if (!is_digit(suffix[pos]) || value > 1000) {
      return false;
    }
    value = value * 10 + (suffix[pos] - '0');
  }
  exponent = negative ? -value : value;
  return value <= 1000;
}

} // namespace

util::Result<Quantity> Quantity::parse(std::string_view text)
{
  Quantity q;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    q.m_negative = text[pos] == '-';
    ++pos;
  }
  std::string digits; // significant digits of the integer and fraction parts, leading zeros dropped
  int fraction_digits = 0;
  bool any_digit = false;
  bool in_fraction = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (!is_digit(c)) {
      break;
    }
    any_digit = true;
    if (in_fraction) {
      ++fraction_digits;
    }
    if (!digits.empty() || c != '0') {
      digits += c;
    }
  }
  if (!any_digit) {
    return invalid(text, text.empty() ? "it is empty" : "it does not start with a number");
  }
  const std::string_view suffix = text.substr(pos);
  bool known = false;
  for (const auto& candidate : k_suffixes) {
    if (suffix == candidate.text) {
      q.m_exponent10 = candidate.exponent10;
      q.m_exponent2 = candidate.exponent2;
      known = true;
      break;
    }
  }
  if (!known && !parse_exponent(suffix, q.m_exponent10)) {
    return invalid(text, "unknown suffix " + util::quoted(suffix));
  }
  q.m_exponent10 -= fraction_digits;
  // Trailing zeros carry no precision: "1000000000000000000000m" is 10^18, not 22 digits.
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++q.m_exponent10;
  }
  if (static_cast<int>(digits.size()) > k_max_digits) {
    return invalid(text, "more than 19 significant digits");
  }
  for (const char c : digits) {
    q.m_mantissa = q.m_mantissa * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (q.m_mantissa == 0) {
    q.m_negative = false;
    q.m_exponent10 = 0;
  }
  return q;
}

util::Result<std::int64_t> Quantity::milli_value() const { return scaled(3); }

util::Result<std::int64_t> Quantity::value() const { return scaled(0); }

util::Result<std::int64_t> Quantity::scaled(int extra_exponent10) const
{
  constexpr auto k_limit = static_cast<Wide>(std::numeric_limits<std::int64_t>::max());
  const auto overflow = [] {
    return util::failure("quantity too large: it does not fit in a 64-bit integer");
  };
  Wide magnitude = static_cast<Wide>(m_mantissa) << m_exponent2; // at most 64 + 60 bits
  const int exponent = m_exponent10 + extra_exponent10;
  if (magnitude == 0) {
    return std::int64_t{0};
  }
  if (exponent >= 0) {
    for (int i = 0; i < exponent; ++i) {
      if (magnitude > k_limit) {
        return overflow();
      }
      magnitude *= 10;
    }
  } else if (exponent < -38) {
    magnitude = 1; // a positive amount below 10^-38 of the unit: rounded up, as apimachinery does
  } else {
    Wide divisor = 1;
    for (int i = 0; i < -exponent; ++i) {
      divisor *= 10;
    }
    magnitude = magnitude / divisor + (magnitude % divisor != 0 ? 1 : 0);
  }
  if (magnitude > k_limit) {
    return overflow();
  }
  const auto result = static_cast<std::int64_t>(magnitude);
  return m_negative ? -result : result;
}

util::Result<std::int64_t> quantity_milli(std::string_view text)
{
  DEVK8S_TRY(const Quantity q, Quantity::parse(text));
  return q.milli_value();
}

util::Result<std::int64_t> quantity_value(std::string_view text)
{
  DEVK8S_TRY(const Quantity q, Quantity::parse(text));
  return q.value();
}

} // namespace devk8s::core::kube::objects
