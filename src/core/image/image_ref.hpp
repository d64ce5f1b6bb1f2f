// Container image references: the distribution reference grammar
// (github.com/distribution/reference, regexp.go), normalized the way Docker does it.
// Not a registry client: nothing here knows whether an image exists.
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::image {

class ImageRef {
public:
  /// Parses and normalizes: "redis" → docker.io/library/redis:latest, "Gcr.io/x" →
  /// gcr.io/x:latest; a reference with a digest and no tag keeps no tag. Errors say where and
  /// why: `"gcr.io/X": repository name must be lowercase (position 7)`.
  static util::Result<ImageRef> parse(std::string_view text);

  /// Parses every text; on any failure, one Error listing every invalid one, one per line
  /// ("invalid image reference "x": why"), so a command reports all bad arguments at once.
  static util::Result<std::vector<ImageRef>> parse_all(const std::vector<std::string>& texts);

  /// Builds a reference from parts already known to be valid (a resolver's output).
  static util::Result<ImageRef> from_parts(std::string_view name, std::string_view tag, std::string_view digest);

  const std::string& domain() const { return m_domain; } ///< "docker.io", "localhost:5000", "[::1]:5000"
  const std::string& path() const { return m_path; }     ///< "library/redis"
  const std::string& tag() const { return m_tag; }       ///< "" only when a digest pins it
  const std::string& digest() const { return m_digest; } ///< "sha256:…" or ""

  std::string name() const { return m_domain + "/" + m_path; } ///< domain/path
  std::string str() const;                                     ///< normalized, full
  std::string familiar() const;                                ///< as `docker images` shows it

  bool operator==(const ImageRef&) const = default;

private:
  std::string m_domain;
  std::string m_path;
  std::string m_tag;
  std::string m_digest;
};

/// Limits from the grammar.
inline constexpr std::size_t k_name_max = 255;
inline constexpr std::size_t k_tag_max = 128;

/// True when `component` is a valid path component ([a-z0-9]+ joined by `.`, `_`, `__` or `-`+).
bool is_path_component(std::string_view component);

/// Validates "host[:port]" (domain name, IPv4, or [IPv6]); returns the position of the first fault.
util::Result<void> validate_domain(std::string_view domain, std::size_t offset, std::string_view whole);

} // namespace devk8s::core::image
