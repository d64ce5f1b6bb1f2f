// What every libFuzzer harness in tests/fuzz/ shares: the input as text, a selector byte that
// picks one parser of a family, and an invariant check that stops the process so the fuzzer
// (or the replay driver) reports the input. Harness code only; nothing in src/ includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace devk8s::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

/// Aborts with `what` on stderr when `condition` is false: a broken invariant is a finding, and
/// abort() is what both libFuzzer and the replay driver's ctest see as a crash.
inline void require(bool condition, const char* what)
{
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

/// A family harness's input: the first byte picks the parser (`byte % count`), the rest is its
/// text. Counts that divide 48 make '0', '1', … select 0, 1, …, so seed files stay readable.
struct Selected {
  unsigned selector = 0;
  std::string_view text;
};

inline Selected select(std::string_view input, unsigned count)
{
  if (input.empty()) {
    return {count, {}};
  }
  return {static_cast<unsigned char>(input.front()) % count, input.substr(1)};
}

} // namespace devk8s::fuzz
