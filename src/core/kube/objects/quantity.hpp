// resource.Quantity (Kubernetes API reference, "Quantity"): "100m", "1", "2Gi", "1.5G", "1e3",
// turned into whole numbers for comparisons: milli-units for cpu, units (bytes) for memory,
// rounded up as apimachinery's MilliValue() and Value() round. Pure; exact integer arithmetic.
#pragma once

#include "util/result.hpp"

#include <cstdint>
#include <string_view>

namespace devk8s::core::kube::objects {

/// A parsed quantity: sign × mantissa × 10^exponent10 × 2^exponent2, exactly as written.
/// The grammar is the API reference's:
///   <quantity> ::= <sign>? <number> <suffix>;  <number> ::= <digits> | <digits>.<digits> |
///   <digits>. | .<digits>;  <suffix> ::= "" | n | u | m | k | M | G | T | P | E (decimal SI) |
///   Ki | Mi | Gi | Ti | Pi | Ei (binary SI) | e<sign?><digits> | E<sign?><digits>.
/// Stricter than apimachinery only where it is lenient by accident: a number needs a digit, so
/// "", "-" and "." are errors rather than zero. More than 19 significant digits is an error.
class Quantity {
public:
  /// An error "invalid quantity "<text>": <why>" (with the expected form) for anything else.
  static util::Result<Quantity> parse(std::string_view text);

  /// ceil(q × 1000), rounded away from zero: "100m" → 100, "0.1" → 100, "1" → 1000,
  /// "100.1m" → 101. An error when it does not fit in int64.
  util::Result<std::int64_t> milli_value() const;
  /// q rounded up away from zero: "2Gi" → 2147483648, "1.5G" → 1500000000, "100m" → 1.
  /// An error when it does not fit in int64.
  util::Result<std::int64_t> value() const;

  bool negative() const { return m_negative; }

private:
  util::Result<std::int64_t> scaled(int extra_exponent10) const;

  std::uint64_t m_mantissa = 0;
  int m_exponent10 = 0;
  int m_exponent2 = 0;
  bool m_negative = false;
};

/// Quantity::parse(text)->milli_value(): for cpu ("500m" → 500).
util::Result<std::int64_t> quantity_milli(std::string_view text);
/// Quantity::parse(text)->value(): for memory and storage, in bytes ("2Gi" → 2147483648).
util::Result<std::int64_t> quantity_value(std::string_view text);

} // namespace devk8s::core::kube::objects
