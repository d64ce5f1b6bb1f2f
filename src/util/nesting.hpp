// How deep any YAML or JSON input may nest, one limit for every reader (manifests, mirror maps,
// download sources, kubeconfigs, Docker's config, registry and API answers). Parsers slow down
// with depth (libyaml checks every open level for each token: quadratic), so a hostile input is
// refused at the first level past the limit, not after the parser has walked all of it.
#pragma once

#include <cstddef>
#include <string>

namespace devk8s::util {

/// Real inputs nest a few dozen levels (a CRD's schema, the deepest, about 30). The limit is
/// also below yaml-cpp's own guard (500 nodes deep, reported only as "bad file").
inline constexpr std::size_t k_max_nesting = 256;

/// "nesting deeper than 256 levels", the one wording of the refusal.
inline std::string nesting_too_deep()
{
  return "nesting deeper than " + std::to_string(k_max_nesting) + " levels";
}

} // namespace devk8s::util
