#include "core/version.hpp"

#include "util/strings.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <vector>

namespace devk8s::core {

namespace {

bool parse_number(std::string_view text, int& out)
{
  if (text.empty() || text.size() > 9) {
    return false;
  }
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

} // namespace

util::Result<Version> Version::parse(std::string_view text)
{
  const std::string_view original = text;
  auto bad = [&original](const std::string& why) {
    return util::failure("invalid version " + util::quoted(original) + ": " + why,
                         "a version looks like v1.20.0 or 1.20");
  };
  text = util::trim(text);
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) {
    text.remove_prefix(1);
  }
  if (const auto plus = text.find('+'); plus != std::string_view::npos) {
    text = text.substr(0, plus);
  }
  Version v;
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    v.prerelease = std::string(text.substr(dash + 1));
    text = text.substr(0, dash);
    if (v.prerelease.empty()) {
      return bad("empty pre-release after '-'");
    }
    // SemVer's pre-release characters only: the version ends up in download URLs and paths.
    for (const char c : v.prerelease) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '-') {
        return bad("pre-release may hold only letters, digits, '.' and '-'");
      }
    }
  }
  const auto parts = util::split(text, '.');
  if (parts.size() > 3) {
    return bad("more than three numbers");
  }
  int* fields[] = {&v.major, &v.minor, &v.patch};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!parse_number(parts[i], *fields[i])) {
      return bad("expected a number, got " + util::quoted(parts[i]));
    }
  }
  return v;
}

std::string Version::str(bool with_v) const
{
  // Appended piece by piece: `"v" + std::string&&` makes GCC 12 warn a bogus -Wrestrict at -O3
  // (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105329).
  std::string s = with_v ? "v" : "";
  s += std::to_string(major);
  s += '.';
  s += std::to_string(minor);
  s += '.';
  s += std::to_string(patch);
  if (!prerelease.empty()) {
    s += "-" + prerelease;
  }
  return s;
}

std::strong_ordering Version::operator<=>(const Version& other) const
{
  if (auto c = major <=> other.major; c != 0) {
    return c;
  }
  if (auto c = minor <=> other.minor; c != 0) {
    return c;
  }
  if (auto c = patch <=> other.patch; c != 0) {
    return c;
  }
  if (prerelease.empty() || other.prerelease.empty()) {
    // A release ranks above any of its prereleases.
    return prerelease.empty() <=> other.prerelease.empty();
  }
  const int c = prerelease.compare(other.prerelease);
  return c < 0 ? std::strong_ordering::less : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

int minor_skew(const Version& a, const Version& b)
{
  if (a.major != b.major) {
    return 1000;
  }
  return std::abs(a.minor - b.minor);
}

} // namespace devk8s::core
